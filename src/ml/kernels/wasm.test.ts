/**
 * Every kernel the app registers for wasm, against tfjs' CPU backend (with its
 * own kernels) on this network's shapes, and one whole-model gradient.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTrainingKernels } from '.';
import { networkGradients, poolingCase, randomInput as random, relativeDifference, runKernelOn, type KernelInput } from './kernelTesting';

async function expectSame(name: string, inputs: Record<string, KernelInput>, attrs: object): Promise<void> {
  const expected = await runKernelOn('cpu', name, inputs, attrs);
  const actual = await runKernelOn('wasm', name, inputs, attrs);
  expect(relativeDifference(actual.values, expected.values)).toBeLessThan(1e-4);
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  installTrainingKernels('wasm');
});

const conv = { strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1 };

describe('wasm training kernels match the CPU backend', () => {
  it('Conv2DBackpropFilter for both convolutions', async () => {
    await expectSame(
      'Conv2DBackpropFilter',
      { x: random([16, 28, 28, 1], 1), dy: random([16, 26, 26, 8], 2) },
      { ...conv, filterShape: [3, 3, 1, 8] },
    );
    await expectSame(
      'Conv2DBackpropFilter',
      { x: random([16, 13, 13, 8], 3), dy: random([16, 11, 11, 16], 4) },
      { ...conv, filterShape: [3, 3, 8, 16] },
    );
  });

  it('Conv2DBackpropInput for the second convolution', async () => {
    await expectSame(
      'Conv2DBackpropInput',
      { dy: random([16, 11, 11, 16], 5), filter: random([3, 3, 8, 16], 6) },
      { ...conv, inputShape: [16, 13, 13, 8] },
    );
  });

  it('BatchMatMul with and without transposes, as the dense layers need', async () => {
    const x = random([1, 32, 400], 7);
    const dy = random([1, 32, 100], 8);
    const w = random([1, 400, 100], 9);
    await expectSame('BatchMatMul', { a: x, b: dy }, { transposeA: true, transposeB: false });
    await expectSame('BatchMatMul', { a: dy, b: w }, { transposeA: false, transposeB: true });
    await expectSame('BatchMatMul', { a: x, b: w }, { transposeA: false, transposeB: false });
    await expectSame('BatchMatMul', { a: random([2, 5, 3], 10), b: random([2, 4, 5], 11) }, { transposeA: true, transposeB: true });
  });

  it('MaxPoolGrad, with all-negative windows, windows of zeros and ties', async () => {
    for (const shape of [
      [8, 26, 26, 8],
      [8, 11, 11, 16],
    ] as const) {
      const { input, output } = await poolingCase([...shape], 12);
      const dy = random(output.shape, 13);
      await expectSame('MaxPoolGrad', { dy, input, output }, { filterSize: 2, strides: 2, pad: 'valid' });
    }
  });
});

describe('one training step on wasm', () => {
  it('gives the CPU backend’s gradients for every weight of the network', async () => {
    const expected = await networkGradients('cpu', 14);
    const actual = await networkGradients('wasm', 14);
    expect(actual).toHaveLength(8);
    actual.forEach((values, i) => {
      expect(relativeDifference(values, expected[i] ?? new Float32Array())).toBeLessThan(1e-4);
    });
  });
});
