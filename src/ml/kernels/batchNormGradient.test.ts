/**
 * Batch normalisation's gradient against tfjs' own, for every input it has, with the
 * statistics per channel (as Keras' layer passes them), and the same statistics shaped to
 * the batch's rank (which tfjs' own cannot reduce; the same values must come out).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installBatchNormGradient } from './batchNormGradient';
import { randomInput, relativeDifference } from './kernelTesting';

interface Case {
  readonly name: string;
  readonly statShape: number[];
}

// Always with a scale, as Keras' layer has: tfjs' own gradient cannot save a missing one.
const PER_CHANNEL: Case = { name: 'per-channel statistics', statShape: [6] };
const CASES: Case[] = [PER_CHANNEL, { name: 'statistics of the batch’s rank', statShape: [1, 1, 1, 6] }];

const X_SHAPE = [3, 5, 4, 6];

/** Every input's derivative of Σ batchNorm(...) · w, for a fixed random w. */
async function derivatives({ statShape }: Case): Promise<Float32Array[]> {
  const tensor = ({ values, shape }: { values: Float32Array; shape: number[] }): tf.Tensor => tf.tensor(values, shape);
  const x = tensor(randomInput(X_SHAPE, 1));
  const weights = tensor(randomInput(X_SHAPE, 2));
  const mean = tensor(randomInput(statShape, 3));
  const variance = tf.tidy(() => tf.abs(tensor(randomInput(statShape, 4))));
  const scale = tensor(randomInput(statShape, 5));
  const offset = tensor(randomInput(statShape, 6));
  const inputs = [x, mean, variance, offset, scale];
  const grads = tf.grads((...args: tf.Tensor[]) => {
    const [gx, gm, gv, go, gs] = args;
    if (!gx || !gm || !gv || !go || !gs) throw new Error('missing inputs');
    return tf.sum(tf.mul(tf.batchNorm(gx, gm, gv, go, gs, 0.001), weights));
  })(inputs);
  const values = await Promise.all(grads.map(async (g) => Float32Array.from(await g.data())));
  tf.dispose([...grads, ...inputs, weights]);
  return values;
}

let expected: Float32Array[] = [];
let own: string[] = [];

/** The kernels of a gradient of Σ batchNorm(x) that compute a whole batch's worth of values. */
async function backwardKernels(): Promise<string[]> {
  const x = tf.tensor(randomInput(X_SHAPE, 7).values, X_SHAPE);
  const stats = [tf.zeros([6]), tf.ones([6]), tf.zeros([6]), tf.ones([6])];
  const profile = await tf.profile(() => {
    const grads = tf.grads((a: tf.Tensor, m: tf.Tensor, v: tf.Tensor, o: tf.Tensor, s: tf.Tensor) => tf.sum(tf.batchNorm(a, m, v, o, s)))([
      x,
      ...stats,
    ]);
    tf.dispose(grads);
  });
  tf.dispose([x, ...stats]);
  const backward = profile.kernels.slice(profile.kernels.findIndex((k) => k.name === 'FusedBatchNorm') + 1);
  const moves = new Set(['Reshape', 'Identity']);
  return backward.filter((k) => !moves.has(k.name) && k.outputShapes.some((shape) => shape.join() === X_SHAPE.join())).map((k) => k.name);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  expected = await derivatives(PER_CHANNEL);
  own = await backwardKernels();
  installBatchNormGradient();
});

describe('batch normalisation’s gradient', () => {
  it.each(CASES)('equals tfjs’ own for x, mean, variance, offset and scale: $name', async (testCase) => {
    const before = tf.memory().numTensors;
    const actual = await derivatives(testCase);
    expect(tf.memory().numTensors).toBe(before);
    expect(actual).toHaveLength(expected.length);
    actual.forEach((values, i) => expect(relativeDifference(values, expected[i] ?? new Float32Array())).toBeLessThan(1e-5));
  });

  it('runs no Tile, and fewer than half as many kernels over the whole batch as tfjs’ own', async () => {
    const mine = await backwardKernels();
    expect(own).toContain('Tile');
    expect(mine).not.toContain('Tile');
    expect(mine.length).toBeLessThanOrEqual(own.length / 2);
  });
});
