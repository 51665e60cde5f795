import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installConv2dBackpropFilter } from './conv2dBackpropFilter';

type Shape4 = [number, number, number, number];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: Shape4, pad: 'valid' | 'same'): number[] {
  const attrs = { strides: 1, pad, dataFormat: 'NHWC', filterShape };
  const gradient = tf.engine().runKernel<tf.Tensor>('Conv2DBackpropFilter', { x, dy }, attrs);
  const values = Array.from(gradient.dataSync());
  gradient.dispose();
  return values;
}

const CASES: { x: Shape4; dy: Shape4; filter: Shape4 }[] = [
  { x: [4, 28, 28, 1], dy: [4, 26, 26, 8], filter: [3, 3, 1, 8] },
  { x: [3, 13, 13, 8], dy: [3, 11, 11, 16], filter: [3, 3, 8, 16] },
  { x: [2, 9, 7, 3], dy: [2, 5, 5, 2], filter: [5, 3, 3, 2] },
];

describe('installConv2dBackpropFilter', () => {
  it('gives the backend’s own filter gradient, falls through for other shapes, and leaks nothing', () => {
    const inputs = CASES.map((c) => ({
      x: tf.randomNormal<tf.Rank.R4>(c.x, 0, 1, 'float32', 1),
      dy: tf.randomNormal<tf.Rank.R4>(c.dy, 0, 1, 'float32', 2),
      filter: c.filter,
    }));
    const sameX = tf.randomNormal<tf.Rank.R4>([2, 6, 6, 1], 0, 1, 'float32', 3);
    const sameDy = tf.randomNormal<tf.Rank.R4>([2, 6, 6, 4], 0, 1, 'float32', 4);
    const reference = inputs.map(({ x, dy, filter }) => filterGradient(x, dy, filter, 'valid'));
    const sameReference = filterGradient(sameX, sameDy, [3, 3, 1, 4], 'same');

    installConv2dBackpropFilter('cpu');
    installConv2dBackpropFilter('cpu'); // a second install is a no-op
    const before = tf.memory().numTensors;
    inputs.forEach(({ x, dy, filter }, i) => {
      const fast = filterGradient(x, dy, filter, 'valid');
      const expected = reference[i] ?? [];
      expect(fast).toHaveLength(expected.length);
      fast.forEach((value, j) => {
        expect(value).toBeCloseTo(expected[j] ?? Number.NaN, 3);
      });
    });
    // 'same' padding is not composed: the backend's own kernel answers, bit for bit.
    expect(filterGradient(sameX, sameDy, [3, 3, 1, 4], 'same')).toEqual(sameReference);
    expect(tf.memory().numTensors).toBe(before);
  });
});
