import type { EvaluationResult } from '../../worker/protocol';

/** One cell of the confusion matrix: images of class `actual` predicted as `predicted`. */
export interface Cell {
  readonly actual: number;
  readonly predicted: number;
}

/**
 * How many test images fall in one cell, and the `limit` the model was surest of, surest first:
 * in a cell of mistakes, the confident ones are the interesting ones (a label that looks wrong,
 * or a digit the network has learnt to misread).
 */
export function imagesIn(result: EvaluationResult, cell: Cell, limit: number): { total: number; indices: number[] } {
  const indices: number[] = [];
  for (let k = 0; k < result.labels.length; k++) {
    if (result.labels[k] === cell.actual && result.predictions[k] === cell.predicted) indices.push(k);
  }
  const confidence = (k: number): number => result.confidences[k] ?? 0;
  // Ties keep test-set order (sort is stable).
  indices.sort((a, b) => confidence(b) - confidence(a));
  return { total: indices.length, indices: indices.slice(0, limit) };
}
