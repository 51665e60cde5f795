/**
 * For the kernels' tests only (nothing in the app imports it): inputs, a kernel run on a
 * named backend, the difference the tests bound, and the network's gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { buildCnn } from '../network/build';
import type { NetworkConfig } from '../network/network';
import { mulberry32 } from '../data/random';

export type Backend = 'cpu' | 'wasm';

export interface KernelInput {
  values: Float32Array;
  shape: number[];
}

export function randomInput(shape: number[], seed: number): KernelInput {
  const next = mulberry32(seed);
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => next() * 2 - 1);
  return { values, shape };
}

/** Runs one kernel on a backend from plain arrays and returns its values and shape. */
export async function runKernelOn(
  backend: Backend,
  name: string,
  inputs: Record<string, KernelInput>,
  attrs: object,
): Promise<KernelInput> {
  await tf.setBackend(backend);
  const tensors = Object.fromEntries(Object.entries(inputs).map(([key, input]) => [key, tf.tensor(input.values, input.shape)]));
  const result = tf.engine().runKernel<tf.Tensor>(name, tensors, { ...attrs });
  const output = { values: Float32Array.from(await result.data()), shape: result.shape };
  tf.dispose([result, ...Object.values(tensors)]);
  return output;
}

/** max |a − b| / max |b| (NaN anywhere, or a length that differs, gives NaN, which no bound passes). */
export function relativeDifference(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Number.NaN;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? 0)));
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
  }
  return diff / Math.max(scale, 1e-30);
}

/**
 * An input to pool and its pooled output (computed on the CPU backend), image by image of
 * one kind in turn: all negative, all zero (ties everywhere), halves (ties), then any `extra`.
 */
export async function poolingCase(
  shape: [number, number, number, number],
  seed: number,
  extra: ((value: number, i: number) => number)[] = [],
): Promise<{ input: KernelInput; output: KernelInput }> {
  const input = randomInput(shape, seed);
  const kinds = [(v: number) => -Math.abs(v) - 0.1, () => 0, (v: number) => Math.round(v * 2) / 2, ...extra];
  const perImage = input.values.length / shape[0];
  input.values.forEach((value, i) => {
    const kind = kinds[Math.floor(i / perImage) % kinds.length];
    input.values[i] = kind ? kind(value, i) : value;
  });
  await tf.setBackend('cpu');
  const pooled = tf.tidy(() => tf.maxPool(tf.tensor4d(input.values, shape), 2, 2, 'valid'));
  const output = { values: Float32Array.from(await pooled.data()), shape: pooled.shape };
  pooled.dispose();
  return { input, output };
}

export interface GradientCase {
  /** The notebook's unless told. */
  readonly network?: NetworkConfig;
  /**
   * Training mode (for networks without dropout, whose masks are random): batch normalisation
   * then normalises with the batch's own statistics, as it does in training.
   */
  readonly training?: boolean;
  readonly batch?: number;
}

/** The gradient of every weight of a network (seed 5) for one batch (32 unless told), on `backend`. */
export async function networkGradients(backend: Backend, seed: number, options: GradientCase = {}): Promise<Float32Array[]> {
  const { network, training = false, batch = 32 } = options;
  const images = randomInput([batch, 28, 28, 1], seed);
  const labels = Int32Array.from({ length: batch }, (_, i) => (i * 7) % 10);
  await tf.setBackend(backend);
  const model = buildCnn({ seed: 5, ...(network ? { network } : {}) });
  const x = tf.tensor4d(images.values.map(Math.abs), [batch, 28, 28, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), 10));
  const { grads } = tf.variableGrads(() => {
    const probabilities = model.apply(x, { training }) as tf.Tensor2D;
    return tf.metrics.categoricalCrossentropy(y, probabilities).mean<tf.Scalar>();
  });
  const values = await Promise.all(
    model.trainableWeights.map(async (weight) => Float32Array.from(await (grads[weight.name] ?? tf.scalar(Number.NaN)).data())),
  );
  tf.dispose([x, y, ...Object.values(grads)]);
  model.dispose();
  return values;
}

/** Same padding, 5×5, 7×7 and 1×1 kernels, pools of 3, batch normalisation, tanh and sigmoid, dense only. */
export const EDITED_NETWORKS = [
  'c8s-p-c16k5s-p-f-h32',
  'c6k5-p-c8k1-f-h16',
  'c8-b-p-c8k7s.tanh-b-f-h32-b',
  'c4k7s.sigmoid-p3-f-h32.tanh',
  'f-h64-h32.sigmoid',
] as const;
