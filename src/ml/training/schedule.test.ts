import { describe, expect, it } from 'vitest';
import { learningRateAt, type ScheduleConfig } from './schedule';

const at = (config: ScheduleConfig, step: number, total = 101, perEpoch = 20): number => learningRateAt(config, step, total, perEpoch);

describe('learningRateAt', () => {
  it('constant: the same rate at every step', () => {
    const config: ScheduleConfig = { schedule: 'constant', learningRate: 0.001, lrDecay: 0.5 };
    expect([0, 1, 50, 100].map((step) => at(config, step))).toEqual([0.001, 0.001, 0.001, 0.001]);
  });

  it('step decay: the rate times the factor once per finished epoch', () => {
    const config: ScheduleConfig = { schedule: 'step', learningRate: 0.01, lrDecay: 0.5 };
    // 20 steps an epoch: steps 0–19 are epoch 1, 20–39 epoch 2, 40 opens epoch 3.
    expect(at(config, 0)).toBe(0.01);
    expect(at(config, 19)).toBe(0.01);
    expect(at(config, 20)).toBe(0.005);
    expect(at(config, 40)).toBe(0.0025);
  });

  it('one-cycle: peak/25 at the start, the peak at 30 % of the steps, peak/250,000 at the last, by cosines', () => {
    // 101 steps: the last is step 100, the peak at step 30, half-way up at 15 and half-way down at 65.
    const config: ScheduleConfig = { schedule: 'one-cycle', learningRate: 0.01, lrDecay: 1 };
    expect(at(config, 0)).toBeCloseTo(0.0004, 12);
    expect(at(config, 15)).toBeCloseTo((0.0004 + 0.01) / 2, 12);
    expect(at(config, 30)).toBeCloseTo(0.01, 12);
    expect(at(config, 65)).toBeCloseTo((0.01 + 0.01 / 250_000) / 2, 12);
    expect(at(config, 100)).toBeCloseTo(0.00000004, 14);
    // A quarter of the way up: start + (peak - start)·(1 - cos(π/4))/2.
    expect(at(config, 7.5)).toBeCloseTo(0.0004 + 0.0096 * ((1 - Math.SQRT1_2) / 2), 12);
  });

  it('one-cycle rises, then falls, and never leaves [end, peak]', () => {
    const config: ScheduleConfig = { schedule: 'one-cycle', learningRate: 0.005, lrDecay: 1 };
    const rates = Array.from({ length: 2345 }, (_, step) => at(config, step, 2345, 469));
    const top = rates.indexOf(Math.max(...rates));
    expect(top).toBe(Math.round(0.3 * 2344));
    for (let i = 1; i < rates.length; i++) {
      const [before = 0, now = 0] = [rates[i - 1], rates[i]];
      if (i <= top) expect(now).toBeGreaterThanOrEqual(before);
      else expect(now).toBeLessThanOrEqual(before);
    }
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(0.005 / 250_000 - 1e-15);
  });
});
