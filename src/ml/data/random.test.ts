import { describe, expect, it } from 'vitest';
import { epochOrder, mulberry32 } from './random';

describe('epochOrder', () => {
  it('is a permutation', () => {
    const order = epochOrder(1000, 42, 0);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('is the same for the same seed and epoch, and differs across epochs and seeds', () => {
    expect(epochOrder(500, 1, 3)).toEqual(epochOrder(500, 1, 3));
    expect(epochOrder(500, 1, 3)).not.toEqual(epochOrder(500, 1, 4));
    expect(epochOrder(500, 1, 3)).not.toEqual(epochOrder(500, 2, 3));
  });

  it('moves almost everything (a real shuffle)', () => {
    const order = epochOrder(10_000, 5, 1);
    const fixed = order.filter((value, index) => value === index).length;
    expect(fixed).toBeLessThan(20);
  });
});

describe('mulberry32', () => {
  it('gives values in [0, 1) with a plausible mean', () => {
    const random = mulberry32(123);
    const values = Array.from({ length: 10_000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
