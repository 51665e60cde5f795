import { explicit, stride1Padding } from './convPadding';
import { fallBack, kernel, release, replaceKernel, run } from './registry';

/**
 * The input gradient of a stride-1 NHWC convolution ('valid' or 'same') as one forward
 * convolution of dy with the filter rotated by 180° and its in/out channels swapped, dy
 * padded by k − 1 less the forward pass's own padding on each side. On wasm this is ~10×
 * faster than the native kernel (17.5 → 1.8 ms for the notebook's conv2d_2).
 */
export function installConv2dBackpropInput(backendName: string): void {
  const reverse = kernel('Reverse', backendName);
  const transpose = kernel('Transpose', backendName);
  const conv2d = kernel('Conv2D', backendName);
  replaceKernel('Conv2DBackpropInput', backendName, (original) => (args) => {
    const { dy, filter } = args.inputs;
    const attrs = args.attrs ?? {};
    const [kh = 1, kw = 1] = filter?.shape ?? [];
    const padding = attrs.dimRoundingMode === undefined ? stride1Padding(attrs, kh, kw) : null;
    if (!dy || !filter || !padding) {
      return fallBack(original, args, 'Conv2DBackpropInput', "stride-1 'valid' or 'same' NHWC convolutions");
    }
    const [top, bottom, left, right] = padding;
    const rotated = run(reverse, args, { x: filter }, { dims: [0, 1] });
    const swapped = run(transpose, args, { x: rotated }, { perm: [0, 1, 3, 2] });
    // The convolution pads dy itself (XNNPACK reads the zeros, nothing writes them): 0.5 ms less than a Pad first.
    const pad = explicit([kh - 1 - top, kh - 1 - bottom, kw - 1 - left, kw - 1 - right]);
    const result = run(conv2d, args, { x: dy, filter: swapped }, { strides: 1, pad, dataFormat: 'NHWC', dilations: 1 });
    release(args, rotated, swapped);
    return result;
  });
}
