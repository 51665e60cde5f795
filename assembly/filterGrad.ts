import { ZERO } from './lanes';

/**
 * The filter gradient of a 3×3, stride-1, unpadded convolution with one input channel
 * and eight output channels (this network's first layer): out[ky, kx, 0, co] =
 * Σ_{b, y, x} x[b, y + ky, x + kx] · dy[b, y, x, co]. The 18 sums (9 taps × 2 lane
 * groups) stay in registers over one image, then join the totals in `out`.
 */
export function filterGrad3x3In1Out8(x: usize, dy: usize, out: usize, batch: i32, height: i32, width: i32): void {
  const outHeight = height - 2;
  const outWidth = width - 2;
  const row = (<usize>width) << 2;
  memory.fill(out, 0, 72 << 2);
  let g = dy;
  for (let b = 0; b < batch; b++) {
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
      let p = x + <usize>(b * height + y) * row;
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
        g += 32;
      }
    }
    accumulate(out, 0, a0l, a0h);
    accumulate(out, 1, a1l, a1h);
    accumulate(out, 2, a2l, a2h);
    accumulate(out, 3, a3l, a3h);
    accumulate(out, 4, a4l, a4h);
    accumulate(out, 5, a5l, a5h);
    accumulate(out, 6, a6l, a6h);
    accumulate(out, 7, a7l, a7h);
    accumulate(out, 8, a8l, a8h);
  }
}

/** Adds one tap's two lane groups into the totals (small enough for the optimiser to inline). */
function accumulate(out: usize, tap: usize, lo: v128, hi: v128): void {
  const at = out + tap * 32;
  v128.store(at, f32x4.add(v128.load(at), lo));
  v128.store(at, f32x4.add(v128.load(at, 16), hi), 16);
}

/**
 * The filter gradient of a 3×3, stride-1, unpadded convolution with sixteen output
 * channels and an even number of input channels (this network's second layer):
 * out[ky, kx, ci, co] = Σ_{b, y, x} x[b, y + ky, x + kx, ci] · dy[b, y, x, co]. For each
 * image, tap and pair of input channels, the 2 × 4 lane groups of sums stay in registers
 * over the image's positions, then join the totals in `out`.
 */
export function filterGrad3x3Out16(x: usize, dy: usize, out: usize, batch: i32, height: i32, width: i32, inChannels: i32): void {
  const outHeight = height - 2;
  const outWidth = width - 2;
  const cell = (<usize>inChannels) << 2;
  const row = <usize>width * cell;
  const image = <usize>height * row;
  const gradImage = (<usize>(outHeight * outWidth)) << 6;
  memory.fill(out, 0, (<usize>(9 * inChannels)) << 6);
  for (let b = 0; b < batch; b++) {
    const xImage = x + <usize>b * image;
    const gImage = dy + <usize>b * gradImage;
    for (let tap = 0; tap < 9; tap++) {
      const tapStart = xImage + <usize>(tap / 3) * row + <usize>(tap % 3) * cell;
      for (let c = 0; c < inChannels; c += 2) {
        let a0 = ZERO,
          a1 = ZERO,
          a2 = ZERO,
          a3 = ZERO,
          b0 = ZERO,
          b1 = ZERO,
          b2 = ZERO,
          b3 = ZERO;
        let g = gImage;
        for (let y = 0; y < outHeight; y++) {
          let p = tapStart + <usize>y * row + ((<usize>c) << 2);
          for (let col = 0; col < outWidth; col++) {
            const d0 = v128.load(g);
            const d1 = v128.load(g, 16);
            const d2 = v128.load(g, 32);
            const d3 = v128.load(g, 48);
            const s = f32x4.splat(load<f32>(p));
            const t = f32x4.splat(load<f32>(p, 4));
            a0 = f32x4.add(a0, f32x4.mul(s, d0));
            a1 = f32x4.add(a1, f32x4.mul(s, d1));
            a2 = f32x4.add(a2, f32x4.mul(s, d2));
            a3 = f32x4.add(a3, f32x4.mul(s, d3));
            b0 = f32x4.add(b0, f32x4.mul(t, d0));
            b1 = f32x4.add(b1, f32x4.mul(t, d1));
            b2 = f32x4.add(b2, f32x4.mul(t, d2));
            b3 = f32x4.add(b3, f32x4.mul(t, d3));
            p += cell;
            g += 64;
          }
        }
        const at = out + ((<usize>(tap * inChannels + c)) << 6);
        v128.store(at, f32x4.add(v128.load(at), a0));
        v128.store(at, f32x4.add(v128.load(at, 16), a1), 16);
        v128.store(at, f32x4.add(v128.load(at, 32), a2), 32);
        v128.store(at, f32x4.add(v128.load(at, 48), a3), 48);
        v128.store(at, f32x4.add(v128.load(at, 64), b0), 64);
        v128.store(at, f32x4.add(v128.load(at, 80), b1), 80);
        v128.store(at, f32x4.add(v128.load(at, 96), b2), 96);
        v128.store(at, f32x4.add(v128.load(at, 112), b3), 112);
      }
    }
  }
}
