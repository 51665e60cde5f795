import { isUnit } from './registry';

/** Zeros around a stride-1 convolution's input: [top, bottom, left, right]. */
export type Padding = readonly [number, number, number, number];

/**
 * The padding a stride-1, undilated NHWC convolution with a kh×kw filter applies, as tfjs
 * computes it ('same' puts the odd zero at the bottom and right); null for any other
 * convolution, which the backend's own kernel handles.
 */
export function stride1Padding(attrs: Readonly<Record<string, unknown>>, kh: number, kw: number): Padding | null {
  const { strides, pad, dataFormat, dilations } = attrs;
  if (!isUnit(strides) || dataFormat !== 'NHWC' || (dilations !== undefined && !isUnit(dilations))) return null;
  if (pad === 'valid') return [0, 0, 0, 0];
  if (pad === 'same') {
    const [top, left] = [Math.floor((kh - 1) / 2), Math.floor((kw - 1) / 2)];
    return [top, kh - 1 - top, left, kw - 1 - left];
  }
  return null;
}

/** The explicit 4-D padding conv2d takes for a padding of height and width. */
export function explicit([top, bottom, left, right]: Padding): number[][] {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}
