import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/random';
import { classScores, confusionMatrix, summarizeConfusion, topConfusions, type ConfusionMatrix } from './metrics';

function diagonal(counts: number[]): ConfusionMatrix {
  return counts.map((count, i) => counts.map((_, j) => (i === j ? count : 0)));
}

describe('confusionMatrix', () => {
  it('puts true classes in rows and predictions in columns', () => {
    const matrix = confusionMatrix([0, 1, 1, 2], [0, 2, 1, 2], 3);
    expect(matrix).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('refuses mismatched lengths and values that are not classes', () => {
    expect(() => confusionMatrix([1], [1, 2])).toThrow(RangeError);
    expect(() => confusionMatrix([1], [10])).toThrow(/not a class/);
  });
});

describe('summarizeConfusion', () => {
  it('is all zero error for a perfect classifier', () => {
    const summary = summarizeConfusion(diagonal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]));
    expect(summary).toEqual({
      trace: 10_000,
      total: 10_000,
      accuracy: 1,
      meanAbsoluteError: 0,
      meanSquaredError: 0,
      offDiagonalMass: 0,
    });
  });

  it('reads one off-by-one confusion as distance 1', () => {
    const matrix = diagonal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    const rowThree = matrix[3] ?? [];
    rowThree[3] = 8;
    rowThree[4] = 2;
    const summary = summarizeConfusion(matrix);
    expect(summary.trace).toBe(98);
    expect(summary.accuracy).toBeCloseTo(0.98, 12);
    expect(summary.meanAbsoluteError).toBeCloseTo(2 / 100, 12);
    expect(summary.meanSquaredError).toBeCloseTo(2 / 100, 12);
    expect(summary.offDiagonalMass).toBeCloseTo(0.02, 12);
  });

  it('makes a 1↔9 confusion cost 8× more in MSE than in MAE, for the same count', () => {
    const matrix = diagonal([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    const rowOne = matrix[1] ?? [];
    const rowNine = matrix[9] ?? [];
    rowOne[1] = 7;
    rowOne[9] = 3;
    rowNine[9] = 9;
    rowNine[1] = 1;
    const summary = summarizeConfusion(matrix);
    expect(summary.meanAbsoluteError).toBeCloseTo((4 * 8) / 100, 12);
    expect(summary.meanSquaredError).toBeCloseTo((4 * 64) / 100, 12);
    expect(summary.meanSquaredError / summary.meanAbsoluteError).toBeCloseTo(8, 12);
  });

  it('keeps mass = 1 − accuracy and MAE² ≤ MSE on random matrices', () => {
    const random = mulberry32(99);
    for (let trial = 0; trial < 200; trial++) {
      const matrix = Array.from({ length: 10 }, (_, i) =>
        Array.from({ length: 10 }, (_, j) => Math.floor(random() * (i === j ? 500 : 20))),
      );
      const summary = summarizeConfusion(matrix);
      expect(summary.offDiagonalMass).toBeCloseTo(1 - summary.accuracy, 12);
      expect(summary.meanAbsoluteError ** 2).toBeLessThanOrEqual(summary.meanSquaredError + 1e-12);
      expect(summary.accuracy).toBeCloseTo(summary.trace / summary.total, 12);
    }
  });
});

describe('classScores', () => {
  it('computes precision, recall, F1 and support per class', () => {
    // class 0: 8 right, 2 called 1; class 1: 5 right, 5 called 0.
    const scores = classScores([
      [8, 2],
      [5, 5],
    ]);
    expect(scores[0]).toMatchObject({ digit: 0, support: 10, recall: 0.8 });
    expect(scores[0]?.precision).toBeCloseTo(8 / 13, 12);
    expect(scores[0]?.f1).toBeCloseTo((2 * (8 / 13) * 0.8) / (8 / 13 + 0.8), 12);
    expect(scores[1]).toMatchObject({ digit: 1, support: 10, recall: 0.5 });
    expect(scores[1]?.precision).toBeCloseTo(5 / 7, 12);
  });

  it('gives 0, not NaN, for a class that is never predicted', () => {
    expect(
      classScores([
        [0, 3],
        [0, 4],
      ])[0],
    ).toEqual({ digit: 0, precision: 0, recall: 0, f1: 0, support: 3 });
  });
});

describe('topConfusions', () => {
  it('lists the largest off-diagonal cells first', () => {
    const matrix = [
      [50, 1, 4],
      [4, 60, 0],
      [9, 2, 70],
    ];
    expect(topConfusions(matrix, 3)).toEqual([
      { actual: 2, predicted: 0, count: 9 },
      { actual: 0, predicted: 2, count: 4 },
      { actual: 1, predicted: 0, count: 4 },
    ]);
  });
});
