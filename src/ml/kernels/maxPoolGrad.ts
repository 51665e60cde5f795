import type * as tf from '@tensorflow/tfjs';
import { fallBack, replaceKernel, type KernelArgs } from './registry';
import { wasmHeap } from './wasmHeap';

export interface PoolGeometry {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly filter: readonly [number, number];
  readonly stride: readonly [number, number];
}

/**
 * Routes each output gradient to the first maximum of its window, as tfjs' CPU
 * backend does (strict >, from −∞, so windows of zeros or negatives are handled:
 * wasm's native kernel mis-routes those). One pass over the input, NHWC.
 */
export function maxPoolGradValues(x: ArrayLike<number>, dy: ArrayLike<number>, dx: Float32Array, g: PoolGeometry): void {
  dx.fill(0);
  const [fh, fw] = g.filter;
  const [sh, sw] = g.stride;
  const rowStride = g.width * g.channels;
  for (let b = 0; b < g.batch; b++) {
    const imageStart = b * g.height * rowStride;
    for (let oy = 0; oy < g.outHeight; oy++) {
      for (let ox = 0; ox < g.outWidth; ox++) {
        const windowStart = imageStart + oy * sh * rowStride + ox * sw * g.channels;
        const outStart = ((b * g.outHeight + oy) * g.outWidth + ox) * g.channels;
        for (let c = 0; c < g.channels; c++) {
          let best = -Infinity;
          let bestIndex = -1;
          for (let wy = 0; wy < fh; wy++) {
            for (let wx = 0; wx < fw; wx++) {
              const index = windowStart + wy * rowStride + wx * g.channels + c;
              const value = x[index] ?? -Infinity;
              if (value > best) {
                best = value;
                bestIndex = index;
              }
            }
          }
          if (bestIndex >= 0) dx[bestIndex] = (dx[bestIndex] ?? 0) + (dy[outStart + c] ?? 0);
        }
      }
    }
  }
}

/**
 * The same for 2×2 windows at stride 2 (both pools of this network), unrolled: windows do
 * not overlap, so each gradient is written, not added, in one pass over typed arrays.
 */
export function maxPoolGrad2x2(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  dx.fill(0);
  const c = g.channels;
  const row = g.width * c;
  for (let b = 0; b < g.batch; b++) {
    for (let oy = 0; oy < g.outHeight; oy++) {
      let top = (b * g.height + 2 * oy) * row;
      let out = (b * g.outHeight + oy) * g.outWidth * c;
      for (let ox = 0; ox < g.outWidth; ox++) {
        for (let k = 0; k < c; k++) {
          // The four cells in the order the general kernel visits them, with its rules: strictly greater
          // than the best so far, from −∞, so the first maximum wins ties and NaN never does.
          const i0 = top + k;
          const i1 = i0 + c;
          const i2 = i0 + row;
          const i3 = i2 + c;
          let index = -1;
          let best = -Infinity;
          const v0 = x[i0] ?? -Infinity;
          if (v0 > best) {
            best = v0;
            index = i0;
          }
          const v1 = x[i1] ?? -Infinity;
          if (v1 > best) {
            best = v1;
            index = i1;
          }
          const v2 = x[i2] ?? -Infinity;
          if (v2 > best) {
            best = v2;
            index = i2;
          }
          if ((x[i3] ?? -Infinity) > best) index = i3;
          if (index >= 0) dx[index] = dy[out + k] ?? 0;
        }
        top += 2 * c;
        out += c;
      }
    }
  }
}

function pair(value: unknown): [number, number] | null {
  if (typeof value === 'number') return [value, value];
  if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number'))
    return [value[0] as number, value[1] as number];
  return null;
}

/** What a backend must offer for the kernel to read its inputs and write its output. */
interface HeapAccess {
  read(args: KernelArgs, info: tf.TensorInfo): ArrayLike<number>;
  write(args: KernelArgs, shape: number[], fill: (out: Float32Array) => void): tf.TensorInfo;
}

interface CpuLike {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** wasm: views straight into the module's heap, no copies (views are taken after allocating). */
const WASM_ACCESS: HeapAccess = {
  read: (args, info) => wasmHeap(args).typedArrayFromHeap(info),
  write: (args, shape, fill) => {
    const heap = wasmHeap(args);
    const out = heap.makeOutput(shape, 'float32');
    const values = heap.typedArrayFromHeap(out);
    if (!(values instanceof Float32Array)) throw new Error('a float32 output came back as another type');
    fill(values);
    return out;
  },
};

const CPU_ACCESS: HeapAccess = {
  read: (args, info) => (args.backend as CpuLike).readSync(info.dataId),
  write: (args, shape, fill) => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    fill(values);
    return (args.backend as CpuLike).makeTensorInfo(shape, 'float32', values);
  },
};

/** Replaces MaxPoolGrad with the one-pass kernel above for unpadded pooling (every pool in this network). */
export function installMaxPoolGrad(backendName: 'wasm' | 'cpu'): void {
  const access = backendName === 'wasm' ? WASM_ACCESS : CPU_ACCESS;
  replaceKernel('MaxPoolGrad', backendName, (original) => (args) => {
    const { dy, input } = args.inputs;
    const { filterSize, strides, pad } = args.attrs ?? {};
    const filter = pair(filterSize);
    const stride = pair(strides);
    if (!dy || !input || !filter || !stride || pad !== 'valid' || input.dtype !== 'float32') {
      return fallBack(original, args, 'MaxPoolGrad', "unpadded ('valid') float32 pooling");
    }
    const [batch = 0, height = 0, width = 0, channels = 0] = input.shape;
    const [, outHeight = 0, outWidth = 0] = dy.shape;
    const geometry: PoolGeometry = { batch, height, width, channels, outHeight, outWidth, filter, stride };
    return access.write(args, [...input.shape], (out) => {
      const x = access.read(args, input);
      const gradient = access.read(args, dy);
      const fast = filter[0] === 2 && filter[1] === 2 && stride[0] === 2 && stride[1] === 2;
      if (fast && x instanceof Float32Array && gradient instanceof Float32Array) maxPoolGrad2x2(x, gradient, out, geometry);
      else maxPoolGradValues(x, gradient, out, geometry);
    });
  });
}
