import { isOneOf } from '../choices';
/**
 * Learning-rate schedules: the notebook's constant rate, one-cycle (Smith's "super-convergence",
 * as PyTorch's OneCycleLR shapes it) and step decay. Pure functions of the step, so the
 * worker, the tests and a chart all agree on the rate of any batch.
 */
export const SCHEDULES = ['constant', 'one-cycle', 'step'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

export function isScheduleName(value: string): value is ScheduleName {
  return isOneOf(SCHEDULES, value);
}

export interface ScheduleConfig {
  readonly schedule: ScheduleName;
  /** The constant rate; one-cycle's peak; step decay's first rate. */
  readonly learningRate: number;
  /** Step decay's factor per epoch (unused by the others). */
  readonly lrDecay: number;
}

/** One-cycle's shape, PyTorch's defaults: warm up over 30 % of the steps from peak/25, anneal to peak/250,000. */
export const ONE_CYCLE = { warmupFraction: 0.3, startDivisor: 25, endDivisor: 25 * 1e4 } as const;

/** Cosine interpolation from `from` (progress 0) to `to` (progress 1). */
function cosine(from: number, to: number, progress: number): number {
  return to + ((from - to) * (1 + Math.cos(Math.PI * progress))) / 2;
}

/**
 * The rate for step `step` (0-based, counted over the whole run) of a run of `totalSteps`
 * steps, `stepsPerEpoch` to an epoch.
 */
export function learningRateAt(config: ScheduleConfig, step: number, totalSteps: number, stepsPerEpoch: number): number {
  const { learningRate } = config;
  switch (config.schedule) {
    case 'constant':
      return learningRate;
    case 'step':
      return learningRate * config.lrDecay ** Math.floor(step / Math.max(1, stepsPerEpoch));
    case 'one-cycle': {
      const start = learningRate / ONE_CYCLE.startDivisor;
      const end = learningRate / ONE_CYCLE.endDivisor;
      // With fewer than three steps there is no room to fall: the last step is still the peak.
      const last = Math.max(1, totalSteps - 1);
      const peakAt = Math.max(1, Math.round(ONE_CYCLE.warmupFraction * last));
      if (step <= peakAt) return cosine(start, learningRate, step / peakAt);
      return cosine(learningRate, end, Math.min(1, (step - peakAt) / Math.max(1, last - peakAt)));
    }
  }
}
