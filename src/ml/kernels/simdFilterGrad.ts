import { stride1Padding, type Padding } from './convPadding';
import { replaceKernel, type KernelArgs } from './registry';
import type { SimdKernels } from './simd';
import { isFloat, pass, same, SIMD } from './simdShared';
import { offsetOf, wasmHeap } from './wasmHeap';

/** What a filter gradient the SIMD kernels can take looks like: square, stride 1, NHWC. */
interface FilterGradShape {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  kernel: number;
  padding: Padding;
  outHeight: number;
  outWidth: number;
}

function filterGradShape(args: KernelArgs): FilterGradShape | null {
  const { x, dy } = args.inputs;
  const attrs = args.attrs ?? {};
  const [kh, kw, inChannels, outChannels] = Array.isArray(attrs.filterShape) ? attrs.filterShape : [];
  if (!x || !dy || !isFloat(x, dy) || x.shape.length !== 4 || typeof kh !== 'number' || kh !== kw) return null;
  if (typeof inChannels !== 'number' || typeof outChannels !== 'number') return null;
  const padding = stride1Padding(attrs, kh, kh);
  const [batch = 0, height = 0, width = 0] = x.shape;
  const [outHeight = 0, outWidth = 0] = dy.shape.slice(1);
  const expected = padding ? [batch, height + padding[0] + padding[1] - kh + 1, width + padding[2] + padding[3] - kh + 1] : [];
  if (!padding || x.shape[3] !== inChannels || !same(dy.shape, [...expected, outChannels])) return null;
  return { batch, height, width, inChannels, outChannels, kernel: kh, padding, outHeight, outWidth };
}

/**
 * The filter gradient of every square stride-1 convolution. A first layer like the notebook's
 * (3×3 unpadded, one channel in, groups of eight out) keeps all nine taps in registers (0.6 ms
 * a step, against 1.6 ms in the general kernel); every other shape takes the general one, which
 * walks each tap over the positions where it meets the image.
 */
export function installFilterGrad(simd: SimdKernels): void {
  replaceKernel(
    'Conv2DBackpropFilter',
    'wasm',
    (original) => (args) => {
      const shape = filterGradShape(args);
      const { x, dy } = args.inputs;
      if (!shape || !x || !dy) return pass(original, args, 'Conv2DBackpropFilter');
      const { batch, height, width, inChannels, outChannels, kernel, padding, outHeight, outWidth } = shape;
      const heap = wasmHeap(args);
      const out = heap.makeOutput([kernel, kernel, inChannels, outChannels], 'float32');
      const [input, gradient, result] = [offsetOf(heap, x), offsetOf(heap, dy), offsetOf(heap, out)];
      const unpadded3x3 = kernel === 3 && padding.every((zeros) => zeros === 0);
      if (unpadded3x3 && inChannels === 1 && outChannels % 8 === 0 && outChannels > 0) {
        simd.filterGrad3x3In1(input, gradient, result, batch, height, width, outChannels);
      } else {
        const [top, , left] = padding;
        simd.filterGradAny(input, gradient, result, batch, height, width, inChannels, outChannels, kernel, top, left, outHeight, outWidth);
      }
      return out;
    },
    SIMD,
  );
}
