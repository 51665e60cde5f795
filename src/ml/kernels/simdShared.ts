import type * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './registry';

/** What the SIMD kernels' wrappers share: the layer they register under, and their checks. */

export const SIMD = 'simd';

export function lanesFit(channels: number | undefined): channels is number {
  return channels !== undefined && channels > 0 && channels % 4 === 0;
}

export function isFloat(...infos: tf.TensorInfo[]): boolean {
  return infos.every((info) => info.dtype === 'float32');
}

export function pass(original: tf.KernelConfig | undefined, args: KernelArgs, name: string): tf.TensorInfo | tf.TensorInfo[] {
  if (!original) throw new Error(`the wasm backend has no ${name} kernel`);
  return original.kernelFunc(args);
}

export function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function same(value: unknown, expected: readonly unknown[]): boolean {
  return Array.isArray(value) ? value.length === expected.length && value.every((v, i) => v === expected[i]) : false;
}
