import { describe, expect, it } from 'vitest';
import { histogram, histogramHistory, onSharedRange, valueRange } from './histogram';

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

describe('onSharedRange', () => {
  it('re-counts histograms of different ranges over the range they share, keeping every count', () => {
    const shared = onSharedRange(
      [
        { min: 0, max: 1, counts: [4, 6] },
        { min: -1, max: 3, counts: [1, 2, 3, 4] },
      ],
      4,
    );
    expect(shared.map((h) => [h.min, h.max])).toEqual([
      [-1, 3],
      [-1, 3],
    ]);
    // Centres 0.25 and 0.75 both fall in [0, 1).
    expect(shared[0]?.counts).toEqual([0, 10, 0, 0]);
    expect(shared[1]?.counts).toEqual([1, 2, 3, 4]);
    expect(onSharedRange([], 4)).toEqual([]);
  });
});
