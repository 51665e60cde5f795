import { describe, expect, it } from 'vitest';
import { smooth } from './smoothing';

describe('TensorBoard’s smoothing', () => {
  it('is its debiased exponential moving average', () => {
    // By hand, weight 0.5: the running sums 2, 2, 4 (each 0.5·last + 0.5·value), debiased by 1 − 0.5ⁿ.
    const [a, b, c] = smooth([4, 2, 6], 0.5);
    expect(a).toBeCloseTo(4, 12);
    expect(b).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * 2) / (1 - 0.25), 12);
    expect(c).toBeCloseTo((0.5 * (0.5 * 0.5 * 4 + 0.5 * 2) + 0.5 * 6) / (1 - 0.125), 12);
  });

  it('leaves a series alone at weight 0, and a constant one at any weight', () => {
    expect(smooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
    expect(smooth([0.001, 0.001, 0.001], 0.9)).toEqual([0.001, 0.001, 0.001]);
  });

  it('passes over a value that is not finite without letting it into the average', () => {
    const smoothed = smooth([1, Number.NaN, 1, Infinity, 1], 0.6);
    expect(smoothed[1]).toBeNaN();
    expect(smoothed[3]).toBe(Infinity);
    for (const i of [0, 2, 4]) expect(smoothed[i]).toBeCloseTo(1, 12);
  });

  it('follows a noisy series more slowly the heavier its weight', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => 1 + (i % 2 ? 0.5 : -0.5));
    const spread = (values: number[]) => Math.max(...values.slice(100)) - Math.min(...values.slice(100));
    expect(spread(smooth(noisy, 0.9))).toBeLessThan(spread(smooth(noisy, 0.5)));
    expect(spread(smooth(noisy, 0.5))).toBeLessThan(spread(noisy));
  });
});
