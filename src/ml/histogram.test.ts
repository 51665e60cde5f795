import { describe, expect, it } from 'vitest';
import { histogram, histogramHistory, valueRange } from './histogram';

describe('histogram', () => {
  it('counts into equal bins with the top edge in the last bin', () => {
    expect(histogram([0, 0.1, 0.5, 0.99, 1], 4, 0, 1).counts).toEqual([2, 0, 1, 2]);
  });

  it('ignores values outside the range and NaN', () => {
    expect(histogram([-1, 2, Number.NaN, 0.5], 2, 0, 1).counts).toEqual([0, 1]);
  });

  it('puts everything in one bin when all values are equal', () => {
    expect(histogram([3, 3, 3], 5, 3, 3).counts).toEqual([3, 0, 0, 0, 0]);
  });
});

describe('histogramHistory', () => {
  it('bins every epoch over the shared range so rows line up', () => {
    const history = histogramHistory(
      [
        [0, 1],
        [2, 4],
      ],
      4,
    );
    expect(
      valueRange([
        [0, 1],
        [2, 4],
      ]),
    ).toEqual({ min: 0, max: 4 });
    expect(history.map((h) => h.counts)).toEqual([
      [1, 1, 0, 0],
      [0, 0, 1, 1],
    ]);
    expect(history.every((h) => h.min === 0 && h.max === 4)).toBe(true);
  });
});
