import type * as tf from '@tensorflow/tfjs';
import { replaceKernel } from './registry';
import type { SimdKernels } from './simd';
import { installFilterGrad } from './simdFilterGrad';
import { isFloat, lanesFit, pass, same, SIMD, size } from './simdShared';
import { offsetOf, wasmHeap } from './wasmHeap';

/*
 * The wasm kernels that run the app's SIMD code (assembly/kernels.ts). Each is layered over
 * the kernel it replaces ('simd' over the JS replacement or tfjs' own) and hands every case it
 * was not written for to it. All need float32; most need channels in whole f32x4 lane groups.
 */

function twoByTwo(value: unknown): boolean {
  return value === 2 || same(value, [2, 2]);
}

/** Whether `v` is one value per channel of `x`'s last axis: [c], or [1, …, 1, c] of no greater rank. */
function perChannel(x: tf.TensorInfo, v: tf.TensorInfo): boolean {
  const channels = x.shape[x.shape.length - 1];
  const leading = v.shape.slice(0, -1);
  return (
    v.shape.length >= 1 &&
    v.shape.length <= x.shape.length &&
    leading.every((n) => n === 1) &&
    v.shape[v.shape.length - 1] === channels &&
    lanesFit(channels)
  );
}

type ChannelKernel = 'addBias' | 'mulChannels' | 'subChannels';

/**
 * x op v, v one value per channel (a bias; batch normalisation's factors and means; a mean's
 * gradient): tfjs' own takes its general broadcast for these. `commutes`: v may come first.
 */
function installChannelwise(simd: SimdKernels, name: 'Add' | 'Multiply' | 'Sub', kernel: ChannelKernel, commutes: boolean): void {
  replaceKernel(
    name,
    'wasm',
    (original) => (args) => {
      const { a, b } = args.inputs;
      if (!a || !b || !isFloat(a, b)) return pass(original, args, name);
      const [x, v] = commutes && size(a.shape) < size(b.shape) ? [b, a] : [a, b];
      if (!perChannel(x, v)) return pass(original, args, name);
      const channels = x.shape[x.shape.length - 1] ?? 1;
      const heap = wasmHeap(args);
      const out = heap.makeOutput([...x.shape], 'float32');
      simd[kernel](offsetOf(heap, x), offsetOf(heap, v), offsetOf(heap, out), size(x.shape) / channels, channels);
      return out;
    },
    SIMD,
  );
}

/**
 * The sum, or mean, over every axis but the last: the bias gradient, and batch
 * normalisation's statistics and their gradients (tfjs' own transposes the whole batch first).
 */
function installRowReduction(simd: SimdKernels, name: 'Sum' | 'Mean'): void {
  replaceKernel(
    name,
    'wasm',
    (original) => (args) => {
      const { x } = args.inputs;
      const { axis, keepDims } = args.attrs ?? {};
      if (!x || !isFloat(x) || x.shape.length < 2) return pass(original, args, name);
      const rank = x.shape.length;
      const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (typeof a === 'number' && a < 0 ? a + rank : a));
      const leading = Array.from({ length: rank - 1 }, (_, i) => i);
      const channels = x.shape[rank - 1];
      const sorted = axes.filter((a) => typeof a === 'number').sort((p, q) => p - q);
      if (sorted.length !== axes.length || !same(sorted, leading) || !lanesFit(channels)) return pass(original, args, name);
      const heap = wasmHeap(args);
      const out = heap.makeOutput(keepDims === true ? [...leading.map(() => 1), channels] : [channels], 'float32');
      const rows = size(x.shape) / channels;
      simd.sumRows(offsetOf(heap, x), offsetOf(heap, out), rows, channels);
      if (name === 'Mean') {
        const values = heap.typedArrayFromHeap(out);
        for (let c = 0; c < channels; c++) values[c] = (values[c] ?? 0) / rows;
      }
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

/** tanh, forward (the backward pass is products of its output). */
function installTanh(simd: SimdKernels): void {
  replaceKernel(
    'Tanh',
    'wasm',
    (original) => (args) => {
      const { x } = args.inputs;
      if (!x || !isFloat(x)) return pass(original, args, 'Tanh');
      const heap = wasmHeap(args);
      const out = heap.makeOutput([...x.shape], 'float32');
      simd.tanh(offsetOf(heap, x), offsetOf(heap, out), size(x.shape));
      return out;
    },
    SIMD,
  );
}

/** Layers the SIMD kernels over the wasm backend's (call after the JS replacements). */
export function installSimdKernels(simd: SimdKernels): void {
  installDropoutMultiplier(simd);
  installChannelwise(simd, 'Add', 'addBias', true);
  installChannelwise(simd, 'Multiply', 'mulChannels', true);
  installChannelwise(simd, 'Sub', 'subChannels', false);
  installRowReduction(simd, 'Sum');
  installRowReduction(simd, 'Mean');
  installMaxPoolGrad(simd);
  installFilterGrad(simd);
  installTanh(simd);
}
