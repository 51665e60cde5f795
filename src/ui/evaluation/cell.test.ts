import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../../worker/protocol';
import { imagesIn } from './cell';

const result: EvaluationResult = {
  loss: 0.1,
  accuracy: 0.5,
  on: { kind: 'test' },
  labels: Uint8Array.from([4, 4, 9, 4, 4, 4]),
  predictions: Int32Array.from([9, 4, 9, 9, 9, 9]),
  confidences: Float32Array.from([0.6, 0.99, 0.7, 0.95, 0.6, 0.8]),
  samplePredictions: new Int32Array(0),
};

describe('a cell’s images', () => {
  it('come surest first, ties in test-set order, cut to the limit but counted whole', () => {
    expect(imagesIn(result, { actual: 4, predicted: 9 }, 3)).toEqual({ total: 4, indices: [3, 5, 0] });
    expect(imagesIn(result, { actual: 4, predicted: 9 }, 10).indices).toEqual([3, 5, 0, 4]);
    expect(imagesIn(result, { actual: 9, predicted: 4 }, 10)).toEqual({ total: 0, indices: [] });
  });
});
