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

const CASES: { x: Shape4; dy: Shape4; filter: Shape4; pad: 'valid' | 'same' }[] = [
  { x: [4, 28, 28, 1], dy: [4, 26, 26, 8], filter: [3, 3, 1, 8], pad: 'valid' },
  { x: [3, 13, 13, 8], dy: [3, 11, 11, 16], filter: [3, 3, 8, 16], pad: 'valid' },
  { x: [2, 9, 7, 3], dy: [2, 5, 5, 2], filter: [5, 3, 3, 2], pad: 'valid' },
  { x: [2, 6, 6, 1], dy: [2, 6, 6, 4], filter: [3, 3, 1, 4], pad: 'same' },
  { x: [2, 9, 8, 3], dy: [2, 9, 8, 5], filter: [4, 5, 3, 5], pad: 'same' },
  { x: [2, 7, 7, 2], dy: [2, 7, 7, 3], filter: [1, 1, 2, 3], pad: 'same' },
];

describe('installConv2dBackpropFilter', () => {
  it('gives the backend’s own filter gradient, valid and same padding, falls through for strides, and leaks nothing', () => {
    const inputs = CASES.map((c) => ({
      x: tf.randomNormal<tf.Rank.R4>(c.x, 0, 1, 'float32', 1),
      dy: tf.randomNormal<tf.Rank.R4>(c.dy, 0, 1, 'float32', 2),
      filter: c.filter,
      pad: c.pad,
    }));
    const stridedX = tf.randomNormal<tf.Rank.R4>([2, 6, 6, 1], 0, 1, 'float32', 3);
    const stridedDy = tf.randomNormal<tf.Rank.R4>([2, 2, 2, 4], 0, 1, 'float32', 4);
    const strided = (): number[] => {
      const attrs = { strides: 2, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 4] };
      const gradient = tf.engine().runKernel<tf.Tensor>('Conv2DBackpropFilter', { x: stridedX, dy: stridedDy }, attrs);
      const values = Array.from(gradient.dataSync());
      gradient.dispose();
      return values;
    };
    const reference = inputs.map(({ x, dy, filter, pad }) => filterGradient(x, dy, filter, pad));
    const stridedReference = strided();

    installConv2dBackpropFilter('cpu');
    installConv2dBackpropFilter('cpu'); // a second install is a no-op
    const before = tf.memory().numTensors;
    inputs.forEach(({ x, dy, filter, pad }, i) => {
      const fast = filterGradient(x, dy, filter, pad);
      const expected = reference[i] ?? [];
      expect(fast).toHaveLength(expected.length);
      fast.forEach((value, j) => {
        expect(value).toBeCloseTo(expected[j] ?? Number.NaN, 3);
      });
    });
    // A stride of 2 is not composed: the backend's own kernel answers, bit for bit.
    expect(strided()).toEqual(stridedReference);
    expect(tf.memory().numTensors).toBe(before);
  });
});
