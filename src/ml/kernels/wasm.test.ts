/**
 * Every kernel the app registers for wasm, against tfjs' CPU backend (with its
 * own kernels) on this network's shapes, and one whole-model gradient.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from '../model';
import { mulberry32 } from '../random';
import { installTrainingKernels } from '.';

type Backend = 'cpu' | 'wasm';

interface Input {
  values: Float32Array;
  shape: number[];
}

function random(shape: number[], seed: number): Input {
  const next = mulberry32(seed);
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next() * 2 - 1);
  return { values, shape };
}

/** Runs one kernel on a backend from plain arrays and returns plain values. */
async function runOn(backend: Backend, name: string, inputs: Record<string, Input>, attrs: Record<string, unknown>): Promise<Float32Array> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([key, input]) => [key, tf.tensor(input.values, input.shape)]));
  const result = tf.engine().runKernel<tf.Tensor>(name, tensors, attrs as tf.NamedAttrMap);
  const values = Float32Array.from(await result.data());
  tf.dispose([result, ...Object.values(tensors)]);
  return values;
}

/** max |a − b| / max |b|: the relative difference the kernels must keep under 1e-4. */
function relativeDifference(actual: Float32Array, expected: Float32Array): number {
  expect(actual.length).toBe(expected.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? 0)));
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
  }
  return diff / Math.max(scale, 1e-30);
}

async function expectSame(name: string, inputs: Record<string, Input>, attrs: Record<string, unknown>): Promise<void> {
  const expected = await runOn('cpu', name, inputs, attrs);
  const actual = await runOn('wasm', name, inputs, attrs);
  expect(relativeDifference(actual, expected)).toBeLessThan(1e-4);
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
    ]) {
      const input = random(shape, 12);
      // A third of the images all negative, a third all zero (ties everywhere), a third random with ties.
      const perImage = input.values.length / (shape[0] ?? 1);
      input.values.forEach((value, i) => {
        const image = Math.floor(i / perImage);
        if (image % 3 === 0) input.values[i] = -Math.abs(value) - 0.1;
        else if (image % 3 === 1) input.values[i] = 0;
        else input.values[i] = Math.round(value * 2) / 2;
      });
      await tf.setBackend('cpu');
      const output = tf.tidy(() => tf.maxPool(tf.tensor4d(input.values, shape as [number, number, number, number]), 2, 2, 'valid'));
      const pooled = { values: Float32Array.from(await output.data()), shape: output.shape };
      output.dispose();
      const dy = random(pooled.shape, 13);
      await expectSame('MaxPoolGrad', { dy, input, output: pooled }, { filterSize: 2, strides: 2, pad: 'valid' });
    }
  });
});

describe('one training step on wasm', () => {
  it('gives the CPU backend’s gradients for every weight of the network', async () => {
    const images = random([32, 28, 28, 1], 14);
    const labels = Int32Array.from({ length: 32 }, (_, i) => (i * 7) % 10);
    const gradients = async (backend: Backend): Promise<Float32Array[]> => {
      await tf.setBackend(backend);
      const model = buildCnn({ seed: 5 });
      const x = tf.tensor4d(
        images.values.map((v) => Math.abs(v)),
        [32, 28, 28, 1],
      );
      const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
      const { grads } = tf.variableGrads(() => {
        const probabilities = model.apply(x, { training: false }) as tf.Tensor2D;
        return tf.metrics.categoricalCrossentropy(y, probabilities).mean<tf.Scalar>();
      });
      const values = await Promise.all(
        model.trainableWeights.map(async (weight) => Float32Array.from(await (grads[weight.name] ?? tf.scalar(Number.NaN)).data())),
      );
      tf.dispose([x, y, ...Object.values(grads)]);
      model.dispose();
      return values;
    };
    const expected = await gradients('cpu');
    const actual = await gradients('wasm');
    expect(actual).toHaveLength(8);
    actual.forEach((values, i) => {
      expect(relativeDifference(values, expected[i] ?? new Float32Array())).toBeLessThan(1e-4);
    });
  });
});
