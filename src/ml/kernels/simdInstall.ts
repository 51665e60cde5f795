import type * as tf from '@tensorflow/tfjs';
import { replaceKernel, type KernelArgs } from './registry';
import type { SimdKernels } from './simd';
import { offsetOf, wasmHeap } from './wasmHeap';

/*
 * The wasm kernels that run the app's SIMD code (assembly/kernels.ts) for this network's
 * shapes. Each is layered over the kernel it replaces ('simd' over the JS replacement or
 * tfjs' own) and hands every other case to it. All need float32 and channels in whole
 * f32x4 lane groups.
 */

const SIMD = 'simd';

function lanesFit(channels: number | undefined): channels is number {
  return channels !== undefined && channels > 0 && channels % 4 === 0;
}

function isFloat(...infos: tf.TensorInfo[]): boolean {
  return infos.every((info) => info.dtype === 'float32');
}

function pass(original: tf.KernelConfig | undefined, args: KernelArgs, name: string): tf.TensorInfo | tf.TensorInfo[] {
  if (!original) throw new Error(`the wasm backend has no ${name} kernel`);
  return original.kernelFunc(args);
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function same(value: unknown, expected: readonly unknown[]): boolean {
  return Array.isArray(value) ? value.length === expected.length && value.every((v, i) => v === expected[i]) : false;
}

function twoByTwo(value: unknown): boolean {
  return value === 2 || same(value, [2, 2]);
}

/** x + bias, the bias a vector along the last axis (every conv and dense layer's forward pass). */
function installAddBias(simd: SimdKernels): void {
  replaceKernel(
    'Add',
    'wasm',
    (original) => (args) => {
      const { a, b } = args.inputs;
      if (!a || !b || !isFloat(a, b)) return pass(original, args, 'Add');
      const [x, bias] = b.shape.length === 1 ? [a, b] : [b, a];
      const channels = x.shape[x.shape.length - 1];
      if (bias.shape.length !== 1 || bias.shape[0] !== channels || !lanesFit(channels)) return pass(original, args, 'Add');
      const heap = wasmHeap(args);
      const out = heap.makeOutput([...x.shape], 'float32');
      simd.addBias(offsetOf(heap, x), offsetOf(heap, bias), offsetOf(heap, out), size(x.shape) / channels, channels);
      return out;
    },
    SIMD,
  );
}

/** The sum over every axis but the last (the bias gradient). */
function installSumRows(simd: SimdKernels): void {
  replaceKernel(
    'Sum',
    'wasm',
    (original) => (args) => {
      const { x } = args.inputs;
      const { axis, keepDims } = args.attrs ?? {};
      if (!x || !isFloat(x) || x.shape.length < 2) return pass(original, args, 'Sum');
      const rank = x.shape.length;
      const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (typeof a === 'number' && a < 0 ? a + rank : a));
      const leading = Array.from({ length: rank - 1 }, (_, i) => i);
      const channels = x.shape[rank - 1];
      const sorted = axes.filter((a) => typeof a === 'number').sort((p, q) => p - q);
      if (sorted.length !== axes.length || !same(sorted, leading) || !lanesFit(channels)) return pass(original, args, 'Sum');
      const heap = wasmHeap(args);
      const out = heap.makeOutput(keepDims === true ? [...leading.map(() => 1), channels] : [channels], 'float32');
      simd.sumRows(offsetOf(heap, x), offsetOf(heap, out), size(x.shape) / channels, channels);
      return out;
    },
    SIMD,
  );
}

/** MaxPoolGrad for unpadded 2×2 pools at stride 2 (both of this network's). */
function installMaxPoolGrad(simd: SimdKernels): void {
  replaceKernel(
    'MaxPoolGrad',
    'wasm',
    (original) => (args) => {
      const { dy, input } = args.inputs;
      const { filterSize, strides, pad } = args.attrs ?? {};
      if (!dy || !input || !isFloat(dy, input) || !twoByTwo(filterSize) || !twoByTwo(strides) || pad !== 'valid') {
        return pass(original, args, 'MaxPoolGrad');
      }
      const [batch = 0, height = 0, width = 0, channels] = input.shape;
      const [outHeight, outWidth] = [Math.floor(height / 2), Math.floor(width / 2)];
      if (input.shape.length !== 4 || !lanesFit(channels) || !same(dy.shape, [batch, outHeight, outWidth, channels])) {
        return pass(original, args, 'MaxPoolGrad');
      }
      const heap = wasmHeap(args);
      const out = heap.makeOutput([...input.shape], 'float32');
      simd.maxPoolGrad2x2(
        offsetOf(heap, input),
        offsetOf(heap, dy),
        offsetOf(heap, out),
        batch,
        height,
        width,
        channels,
        outHeight,
        outWidth,
      );
      return out;
    },
    SIMD,
  );
}

/**
 * The filter gradients of both convolutions: 3×3, stride 1, unpadded, NHWC; one channel
 * in and eight out (the first), or an even number in and sixteen out (the second).
 */
function installFilterGrad(simd: SimdKernels): void {
  replaceKernel(
    'Conv2DBackpropFilter',
    'wasm',
    (original) => (args) => {
      const { x, dy } = args.inputs;
      const { strides, pad, dataFormat, filterShape } = args.attrs ?? {};
      const [batch = 0, height = 0, width = 0, inChannels = 0] = x?.shape ?? [];
      const outChannels = dy?.shape[3] ?? 0;
      const unit = strides === 1 || same(strides, [1, 1]);
      const fits =
        x?.shape.length === 4 &&
        same(filterShape, [3, 3, inChannels, outChannels]) &&
        same(dy?.shape, [batch, height - 2, width - 2, outChannels]) &&
        ((inChannels === 1 && outChannels === 8) || (inChannels > 0 && inChannels % 2 === 0 && outChannels === 16));
      if (!x || !dy || !isFloat(x, dy) || !unit || pad !== 'valid' || dataFormat !== 'NHWC' || !fits) {
        return pass(original, args, 'Conv2DBackpropFilter');
      }
      const heap = wasmHeap(args);
      const out = heap.makeOutput([3, 3, inChannels, outChannels], 'float32');
      const [input, gradient, result] = [offsetOf(heap, x), offsetOf(heap, dy), offsetOf(heap, out)];
      if (inChannels === 1) simd.filterGrad3x3In1Out8(input, gradient, result, batch, height, width);
      else simd.filterGrad3x3Out16(input, gradient, result, batch, height, width, inChannels);
      return out;
    },
    SIMD,
  );
}

/**
 * The kernel tf.dropout runs, where a backend registers it, when it has no seed (our
 * patch of tfjs-core; see patches/): its multiplier in one pass, in place of drawing
 * uniforms in JavaScript and four kernels to turn them into a mask.
 */
export const DROPOUT_MULTIPLIER = 'DropoutMultiplier';

function installDropoutMultiplier(simd: SimdKernels): void {
  simd.seedDropout(Math.floor(Math.random() * 2 ** 32), 0);
  replaceKernel(
    DROPOUT_MULTIPLIER,
    'wasm',
    () => (args) => {
      const { shape, rate } = args.attrs ?? {};
      if (!Array.isArray(shape) || !shape.every((n) => typeof n === 'number') || typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
        throw new Error(`${DROPOUT_MULTIPLIER} needs a shape and a rate in [0, 1)`);
      }
      const heap = wasmHeap(args);
      const out = heap.makeOutput(shape, 'float32');
      simd.dropoutMultiplier(offsetOf(heap, out), size(shape), 1 - rate);
      return out;
    },
    SIMD,
  );
}

/** Layers the SIMD kernels over the wasm backend's (call after the JS replacements). */
export function installSimdKernels(simd: SimdKernels): void {
  installDropoutMultiplier(simd);
  installAddBias(simd);
  installSumRows(simd);
  installMaxPoolGrad(simd);
  installFilterGrad(simd);
}
