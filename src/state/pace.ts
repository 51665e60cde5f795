import type { EpochLog } from '../ml/training/train';

/*
 * The time left of a run, from a smoothed step time rather than the epoch's running mean: that
 * mean starts again at every epoch from a handful of steps, and on a loaded machine it swung the
 * estimate by half within seconds. Steps are smoothed as TensorBoard smooths a curve (an
 * exponential moving average, debiased), and each epoch's evaluation is counted too.
 */
export interface Pace {
  /** The moving average's sum and its weight (1 − decay^steps): their ratio is the debiased mean. */
  readonly sum: number;
  readonly weight: number;
  /** The last epoch's evaluation after its steps, in seconds (null before the first). */
  readonly evalSeconds: number | null;
}

export const NO_PACE: Pace = { sum: 0, weight: 0, evalSeconds: null };

/** Per step: the last ~100 steps carry two thirds of the weight (a few seconds of training). */
const DECAY = 0.99;
/**
 * Once the mean rests on enough steps, a message's steps count as at most twice (or half) of it: a
 * second of a busy machine moves the estimate by a few per cent, a lasting change within seconds.
 */
const SETTLED = 0.5;
const CLIP = 2;

/** `steps` more steps that took `totalMs` together. */
export function addSteps(pace: Pace, steps: number, totalMs: number): Pace {
  if (steps <= 0 || !Number.isFinite(totalMs) || totalMs < 0) return pace;
  const keep = DECAY ** steps;
  const mean = stepMs(pace);
  const raw = totalMs / steps;
  const each = mean !== null && pace.weight >= SETTLED ? Math.min(mean * CLIP, Math.max(mean / CLIP, raw)) : raw;
  return { ...pace, sum: pace.sum * keep + each * (1 - keep), weight: pace.weight * keep + (1 - keep) };
}

/** An epoch ended: its evaluation's time is what each epoch still to come will add. */
export function addEpoch(pace: Pace, log: EpochLog): Pace {
  return { ...pace, evalSeconds: Math.max(0, log.seconds - (log.steps * log.msPerStep) / 1000) };
}

export function stepMs(pace: Pace): number | null {
  return pace.weight > 0 ? pace.sum / pace.weight : null;
}

/** Seconds until the run's last epoch is trained and evaluated; null until a step has been timed. */
export function secondsLeft(pace: Pace, at: { epoch: number; lastEpoch: number; step: number; steps: number }): number | null {
  const ms = stepMs(pace);
  if (ms === null) return null;
  const stepsLeft = (at.lastEpoch - at.epoch) * at.steps + (at.steps - at.step);
  const evaluations = at.lastEpoch - at.epoch + 1;
  return (stepsLeft * ms) / 1000 + evaluations * (pace.evalSeconds ?? 0);
}
