import { NEG_INF } from './lanes';

/**
 * MaxPoolGrad for 2×2 windows at stride 2, unpadded: each window's gradient goes to the
 * first maximum in the order (top-left, top-right, bottom-left, bottom-right), compared
 * strictly from −∞ as tfjs' CPU backend does, so NaN and −∞ never win and a window with
 * no finite maximum gets no gradient. Windows do not overlap, so cells are written once.
 */
export function maxPoolGrad2x2(
  x: usize,
  dy: usize,
  dx: usize,
  batch: i32,
  height: i32,
  width: i32,
  channels: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const cell = (<usize>channels) << 2;
  const row = <usize>width * cell;
  // Odd sizes leave a last row or column outside every window: its gradient is zero.
  if (outHeight * 2 != height || outWidth * 2 != width) memory.fill(dx, 0, <usize>batch * <usize>height * row);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < outHeight; oy++) {
      let top = <usize>(b * height + 2 * oy) * row;
      let out = <usize>((b * outHeight + oy) * outWidth) * cell;
      for (let ox = 0; ox < outWidth; ox++) {
        for (let k: usize = 0; k < cell; k += 16) {
          const i0 = top + k;
          const i1 = i0 + cell;
          const i2 = i0 + row;
          const i3 = i2 + cell;
          const v0 = v128.load(x + i0);
          const v1 = v128.load(x + i1);
          const v2 = v128.load(x + i2);
          const v3 = v128.load(x + i3);
          // mN: cell N beats every cell before it (and −∞).
          const m0 = f32x4.gt(v0, NEG_INF);
          let best = v128.bitselect(v0, NEG_INF, m0);
          const m1 = f32x4.gt(v1, best);
          best = v128.bitselect(v1, best, m1);
          const m2 = f32x4.gt(v2, best);
          best = v128.bitselect(v2, best, m2);
          const m3 = f32x4.gt(v3, best);
          // The winner is the last cell that beat all before it.
          const after2 = m3;
          const after1 = v128.or(m2, after2);
          const after0 = v128.or(m1, after1);
          const g = v128.load(dy + out + k);
          v128.store(dx + i0, v128.and(g, v128.andnot(m0, after0)));
          v128.store(dx + i1, v128.and(g, v128.andnot(m1, after1)));
          v128.store(dx + i2, v128.and(g, v128.andnot(m2, after2)));
          v128.store(dx + i3, v128.and(g, m3));
        }
        top += cell << 1;
        out += cell;
      }
    }
  }
}
