import { ZERO } from './lanes';

/*
 * The filter gradient of any square, stride-1 convolution the editor can make ('valid' or
 * 'same'): out[ky, kx, ci, co] =
 * Σ_{b, y, x} x[b, y + ky − top, x + kx − left, ci] · dy[b, y, x, co], over the positions
 * where that input lies inside the image (the rest read 'same' padding's zeros). For each
 * image, tap and pair of input channels, one block of output channels (16; then 4; then
 * one at a time in scalars) is summed in registers over the tap's positions, then joins the
 * totals in `out`.
 */

/** 16 output channels, input channels c and c + 1: 8 sums, 4 loads of dy and 2 of x a position. */
function pair16(
  p: usize,
  g: usize,
  at: usize,
  rows: i32,
  cols: i32,
  xRow: usize,
  xCell: usize,
  gRow: usize,
  gCell: usize,
  outNext: usize,
): void {
  let a0 = ZERO,
    a1 = ZERO,
    a2 = ZERO,
    a3 = ZERO,
    b0 = ZERO,
    b1 = ZERO,
    b2 = ZERO,
    b3 = ZERO;
  for (let y = 0; y < rows; y++) {
    let xp = p + <usize>y * xRow;
    let gp = g + <usize>y * gRow;
    for (let col = 0; col < cols; col++) {
      const d0 = v128.load(gp);
      const d1 = v128.load(gp, 16);
      const d2 = v128.load(gp, 32);
      const d3 = v128.load(gp, 48);
      const s = f32x4.splat(load<f32>(xp));
      const t = f32x4.splat(load<f32>(xp, 4));
      a0 = f32x4.add(a0, f32x4.mul(s, d0));
      a1 = f32x4.add(a1, f32x4.mul(s, d1));
      a2 = f32x4.add(a2, f32x4.mul(s, d2));
      a3 = f32x4.add(a3, f32x4.mul(s, d3));
      b0 = f32x4.add(b0, f32x4.mul(t, d0));
      b1 = f32x4.add(b1, f32x4.mul(t, d1));
      b2 = f32x4.add(b2, f32x4.mul(t, d2));
      b3 = f32x4.add(b3, f32x4.mul(t, d3));
      xp += xCell;
      gp += gCell;
    }
  }
  add4(at, a0, a1, a2, a3);
  add4(at + outNext, b0, b1, b2, b3);
}

/** 16 output channels, one input channel (the last of an odd number). */
function single16(p: usize, g: usize, at: usize, rows: i32, cols: i32, xRow: usize, xCell: usize, gRow: usize, gCell: usize): void {
  let a0 = ZERO,
    a1 = ZERO,
    a2 = ZERO,
    a3 = ZERO;
  for (let y = 0; y < rows; y++) {
    let xp = p + <usize>y * xRow;
    let gp = g + <usize>y * gRow;
    for (let col = 0; col < cols; col++) {
      const s = f32x4.splat(load<f32>(xp));
      a0 = f32x4.add(a0, f32x4.mul(s, v128.load(gp)));
      a1 = f32x4.add(a1, f32x4.mul(s, v128.load(gp, 16)));
      a2 = f32x4.add(a2, f32x4.mul(s, v128.load(gp, 32)));
      a3 = f32x4.add(a3, f32x4.mul(s, v128.load(gp, 48)));
      xp += xCell;
      gp += gCell;
    }
  }
  add4(at, a0, a1, a2, a3);
}

/** 4 output channels (a remainder past the blocks of 16), input channels c and c + 1. */
function pair4(
  p: usize,
  g: usize,
  at: usize,
  rows: i32,
  cols: i32,
  xRow: usize,
  xCell: usize,
  gRow: usize,
  gCell: usize,
  outNext: usize,
): void {
  let a = ZERO,
    b = ZERO;
  for (let y = 0; y < rows; y++) {
    let xp = p + <usize>y * xRow;
    let gp = g + <usize>y * gRow;
    for (let col = 0; col < cols; col++) {
      const d = v128.load(gp);
      a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(xp)), d));
      b = f32x4.add(b, f32x4.mul(f32x4.splat(load<f32>(xp, 4)), d));
      xp += xCell;
      gp += gCell;
    }
  }
  v128.store(at, f32x4.add(v128.load(at), a));
  v128.store(at + outNext, f32x4.add(v128.load(at + outNext), b));
}

/** 4 output channels, one input channel. */
function single4(p: usize, g: usize, at: usize, rows: i32, cols: i32, xRow: usize, xCell: usize, gRow: usize, gCell: usize): void {
  let a = ZERO;
  for (let y = 0; y < rows; y++) {
    let xp = p + <usize>y * xRow;
    let gp = g + <usize>y * gRow;
    for (let col = 0; col < cols; col++) {
      a = f32x4.add(a, f32x4.mul(f32x4.splat(load<f32>(xp)), v128.load(gp)));
      xp += xCell;
      gp += gCell;
    }
  }
  v128.store(at, f32x4.add(v128.load(at), a));
}

/** One output channel and one input channel, in scalars: the out channels past the lane groups. */
function single1(p: usize, g: usize, at: usize, rows: i32, cols: i32, xRow: usize, xCell: usize, gRow: usize, gCell: usize): void {
  let a: f32 = 0;
  for (let y = 0; y < rows; y++) {
    let xp = p + <usize>y * xRow;
    let gp = g + <usize>y * gRow;
    for (let col = 0; col < cols; col++) {
      a += load<f32>(xp) * load<f32>(gp);
      xp += xCell;
      gp += gCell;
    }
  }
  store<f32>(at, load<f32>(at) + a);
}

function add4(at: usize, a0: v128, a1: v128, a2: v128, a3: v128): void {
  v128.store(at, f32x4.add(v128.load(at), a0));
  v128.store(at, f32x4.add(v128.load(at, 16), a1), 16);
  v128.store(at, f32x4.add(v128.load(at, 32), a2), 32);
  v128.store(at, f32x4.add(v128.load(at, 48), a3), 48);
}

/**
 * `kernel`×`kernel` taps; `top` and `left` are the zeros 'same' padding puts before the
 * image (0 for 'valid'); dy is batch × outHeight × outWidth × outChannels.
 */
export function filterGradAny(
  x: usize,
  dy: usize,
  out: usize,
  batch: i32,
  height: i32,
  width: i32,
  inChannels: i32,
  outChannels: i32,
  kernel: i32,
  top: i32,
  left: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const xCell = (<usize>inChannels) << 2;
  const xRow = <usize>width * xCell;
  const gCell = (<usize>outChannels) << 2;
  const gRow = <usize>outWidth * gCell;
  const full = outChannels & ~15;
  const lanes = outChannels & ~3;
  memory.fill(out, 0, <usize>(kernel * kernel * inChannels) * gCell);
  for (let b = 0; b < batch; b++) {
    const xImage = x + <usize>b * <usize>height * xRow;
    const gImage = dy + <usize>b * <usize>outHeight * gRow;
    for (let ky = 0; ky < kernel; ky++) {
      // Output rows whose input row y + ky − top lies in the image.
      const y0 = max(0, top - ky);
      const rows = min(outHeight, height + top - ky) - y0;
      for (let kx = 0; kx < kernel; kx++) {
        const x0 = max(0, left - kx);
        const cols = min(outWidth, width + left - kx) - x0;
        if (rows <= 0 || cols <= 0) continue;
        const p0 = xImage + <usize>(y0 + ky - top) * xRow + <usize>(x0 + kx - left) * xCell;
        const g0 = gImage + <usize>y0 * gRow + <usize>x0 * gCell;
        const tapOut = out + <usize>((ky * kernel + kx) * inChannels) * gCell;
        for (let c = 0; c < inChannels; c += 2) {
          const p = p0 + ((<usize>c) << 2);
          const at = tapOut + <usize>c * gCell;
          const paired = c + 1 < inChannels;
          let co = 0;
          for (; co < full; co += 16) {
            const g = g0 + ((<usize>co) << 2);
            const o = at + ((<usize>co) << 2);
            if (paired) pair16(p, g, o, rows, cols, xRow, xCell, gRow, gCell, gCell);
            else single16(p, g, o, rows, cols, xRow, xCell, gRow, gCell);
          }
          for (; co < lanes; co += 4) {
            const g = g0 + ((<usize>co) << 2);
            const o = at + ((<usize>co) << 2);
            if (paired) pair4(p, g, o, rows, cols, xRow, xCell, gRow, gCell, gCell);
            else single4(p, g, o, rows, cols, xRow, xCell, gRow, gCell);
          }
          for (; co < outChannels; co++) {
            const g = g0 + ((<usize>co) << 2);
            const o = at + ((<usize>co) << 2);
            single1(p, g, o, rows, cols, xRow, xCell, gRow, gCell);
            if (paired) single1(p + 4, g, o + gCell, rows, cols, xRow, xCell, gRow, gCell);
          }
        }
      }
    }
  }
}
