import { NUM_CLASSES } from '../data/mnist';

/** counts[i][j]: images of true class i predicted as j (rows true, columns predicted). */
export type ConfusionMatrix = number[][];

export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes = NUM_CLASSES): ConfusionMatrix {
  if (labels.length !== predictions.length) throw new RangeError(`${labels.length} labels but ${predictions.length} predictions`);
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let k = 0; k < labels.length; k++) {
    const row = matrix[labels[k] ?? -1];
    const j = predictions[k] ?? -1;
    if (!row || j < 0 || j >= classes) throw new RangeError(`label ${labels[k]} or prediction ${j} is not a class`);
    row[j] = (row[j] ?? 0) + 1;
  }
  return matrix;
}

function sumCells(matrix: ConfusionMatrix, weight: (i: number, j: number) => number): number {
  let sum = 0;
  matrix.forEach((row, i) => {
    row.forEach((count, j) => {
      sum += weight(i, j) * count;
    });
  });
  return sum;
}

export const total = (matrix: ConfusionMatrix): number => sumCells(matrix, () => 1);
export const trace = (matrix: ConfusionMatrix): number => sumCells(matrix, (i, j) => (i === j ? 1 : 0));

/**
 * The notebook's geometric reading: each cell (i, j) is a point weighted by its
 * count; the diagonal is perfect prediction and errors are dispersion around it.
 */
export interface ConfusionSummary {
  readonly trace: number;
  readonly total: number;
  /** trace / total. */
  readonly accuracy: number;
  /** Σ|i−j|·cm[i][j] / Σcm: mean distance to the diagonal. */
  readonly meanAbsoluteError: number;
  /** Σ(i−j)²·cm[i][j] / Σcm: far confusions weigh more (1→9 costs 64, 1→2 costs 1). */
  readonly meanSquaredError: number;
  /** (Σcm − trace) / Σcm: the share of errors, 1 − accuracy. */
  readonly offDiagonalMass: number;
}

export function summarizeConfusion(matrix: ConfusionMatrix): ConfusionSummary {
  const n = total(matrix);
  const t = trace(matrix);
  const share = (value: number): number => (n === 0 ? 0 : value / n);
  return {
    trace: t,
    total: n,
    accuracy: share(t),
    meanAbsoluteError: share(sumCells(matrix, (i, j) => Math.abs(i - j))),
    meanSquaredError: share(sumCells(matrix, (i, j) => (i - j) ** 2)),
    offDiagonalMass: share(n - t),
  };
}

export interface ClassScores {
  readonly digit: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Test images whose true class this is. */
  readonly support: number;
}

/** Per-class precision, recall and F1; 0 where a ratio has nothing to divide by. */
export function classScores(matrix: ConfusionMatrix): ClassScores[] {
  return matrix.map((row, digit) => {
    const truePositives = row[digit] ?? 0;
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, r) => sum + (r[digit] ?? 0), 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { digit, precision, recall, f1, support };
  });
}

export interface Confusion {
  readonly actual: number;
  readonly predicted: number;
  readonly count: number;
}

/** The most frequent off-diagonal cells, largest first (ties: by true, then predicted class). */
export function topConfusions(matrix: ConfusionMatrix, limit = 5): Confusion[] {
  const cells: Confusion[] = [];
  matrix.forEach((row, actual) => {
    row.forEach((count, predicted) => {
      if (actual !== predicted && count > 0) cells.push({ actual, predicted, count });
    });
  });
  return cells.sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted).slice(0, limit);
}
