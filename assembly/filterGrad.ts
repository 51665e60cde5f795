import { ZERO } from './lanes';

/**
 * The filter gradient of a 3×3, stride-1, unpadded convolution with one input channel
 * and output channels in whole groups of eight (the notebook's first layer has eight):
 * out[ky, kx, 0, co] = Σ_{b, y, x} x[b, y + ky, x + kx] · dy[b, y, x, co]. For each image and
 * group of eight, the 18 sums (9 taps × 2 lane groups) stay in registers over the image's
 * positions, then join the totals in `out`.
 */
export function filterGrad3x3In1(x: usize, dy: usize, out: usize, batch: i32, height: i32, width: i32, outChannels: i32): void {
  const outHeight = height - 2;
  const outWidth = width - 2;
  const row = (<usize>width) << 2;
  const cell = (<usize>outChannels) << 2;
  const gradImage = <usize>(outHeight * outWidth) * cell;
  memory.fill(out, 0, 9 * cell);
  for (let b = 0; b < batch; b++) {
    for (let group: usize = 0; group < cell; group += 32) {
      oneGroup(x + <usize>b * <usize>height * row, dy + <usize>b * gradImage + group, out + group, outHeight, outWidth, row, cell);
    }
  }
}

/** One image's sums for one group of eight output channels (dy and out already at the group). */
function oneGroup(image: usize, dy: usize, out: usize, outHeight: i32, outWidth: i32, row: usize, cell: usize): void {
  let g = dy;
  let a0l = ZERO,
    a0h = ZERO,
    a1l = ZERO,
    a1h = ZERO,
    a2l = ZERO,
    a2h = ZERO;
  let a3l = ZERO,
    a3h = ZERO,
    a4l = ZERO,
    a4h = ZERO,
    a5l = ZERO,
    a5h = ZERO;
  let a6l = ZERO,
    a6h = ZERO,
    a7l = ZERO,
    a7h = ZERO,
    a8l = ZERO,
    a8h = ZERO;
  for (let y = 0; y < outHeight; y++) {
    let p = image + <usize>y * row;
    for (let col = 0; col < outWidth; col++) {
      const lo = v128.load(g);
      const hi = v128.load(g, 16);
      const q = p + row;
      const r = q + row;
      let s = f32x4.splat(load<f32>(p));
      a0l = f32x4.add(a0l, f32x4.mul(s, lo));
      a0h = f32x4.add(a0h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(p, 4));
      a1l = f32x4.add(a1l, f32x4.mul(s, lo));
      a1h = f32x4.add(a1h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(p, 8));
      a2l = f32x4.add(a2l, f32x4.mul(s, lo));
      a2h = f32x4.add(a2h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(q));
      a3l = f32x4.add(a3l, f32x4.mul(s, lo));
      a3h = f32x4.add(a3h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(q, 4));
      a4l = f32x4.add(a4l, f32x4.mul(s, lo));
      a4h = f32x4.add(a4h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(q, 8));
      a5l = f32x4.add(a5l, f32x4.mul(s, lo));
      a5h = f32x4.add(a5h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(r));
      a6l = f32x4.add(a6l, f32x4.mul(s, lo));
      a6h = f32x4.add(a6h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(r, 4));
      a7l = f32x4.add(a7l, f32x4.mul(s, lo));
      a7h = f32x4.add(a7h, f32x4.mul(s, hi));
      s = f32x4.splat(load<f32>(r, 8));
      a8l = f32x4.add(a8l, f32x4.mul(s, lo));
      a8h = f32x4.add(a8h, f32x4.mul(s, hi));
      p += 4;
      g += cell;
    }
  }
  accumulate(out + 0 * cell, a0l, a0h);
  accumulate(out + 1 * cell, a1l, a1h);
  accumulate(out + 2 * cell, a2l, a2h);
  accumulate(out + 3 * cell, a3l, a3h);
  accumulate(out + 4 * cell, a4l, a4h);
  accumulate(out + 5 * cell, a5l, a5h);
  accumulate(out + 6 * cell, a6l, a6h);
  accumulate(out + 7 * cell, a7l, a7h);
  accumulate(out + 8 * cell, a8l, a8h);
}

/** Adds one tap's two lane groups into the totals (small enough for the optimiser to inline). */
function accumulate(at: usize, lo: v128, hi: v128): void {
  v128.store(at, f32x4.add(v128.load(at), lo));
  v128.store(at, f32x4.add(v128.load(at, 16), hi), 16);
}
