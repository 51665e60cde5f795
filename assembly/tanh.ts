/*
 * tanh on four lanes at once. tfjs' wasm kernel calls the C library's tanh one value at a time
 * (15 ms for the 602,112 values of LeNet's first layer on a batch of 128); this is the
 * single-precision method of Cephes' tanhf: an odd polynomial near zero, and
 * 1 − 2 / (e^{2|x|} + 1) beyond, e^t from a degree-6 polynomial after taking out powers of 2.
 */

const SMALL: f32 = 0.625;
/** From about 9.01 on, tanh rounds to 1 in float32. */
const LARGE: f32 = 9.1;
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.1219444e-4;

/** e^t for 0 ≤ t ≤ 2 × LARGE. */
function exp4(t: v128): v128 {
  const n = f32x4.nearest(f32x4.mul(t, f32x4.splat(LOG2E)));
  let r = f32x4.sub(t, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.98756915e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const e = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
  // 2^n: n + 127 in the exponent's bits.
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(e, scale);
}

function tanh4(x: v128): v128 {
  const sign = v128.and(x, f32x4.splat(-0.0));
  const a = f32x4.min(f32x4.abs(x), f32x4.splat(LARGE));
  // |x| < 0.625: x + x³ P(x²).
  const z = f32x4.mul(a, a);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const near = f32x4.add(f32x4.mul(f32x4.mul(p, z), a), a);
  // Beyond: 1 − 2 / (e^{2|x|} + 1).
  const e = exp4(f32x4.add(a, a));
  const far = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  const rounded = v128.bitselect(f32x4.splat(1), far, f32x4.ge(a, f32x4.splat(LARGE)));
  const magnitude = v128.bitselect(near, rounded, f32x4.lt(a, f32x4.splat(SMALL)));
  // NaN stays NaN: min keeps it, and neither branch turns it into a number.
  return v128.or(magnitude, sign);
}

/** out[i] = tanh(x[i]) for `count` floats (any count: the last few go one lane at a time). */
export function tanh(x: usize, out: usize, count: i32): void {
  const whole = (<usize>(count & ~3)) << 2;
  for (let at: usize = 0; at < whole; at += 16) v128.store(out + at, tanh4(v128.load(x + at)));
  for (let at = whole; at < (<usize>count) << 2; at += 4) {
    store<f32>(out + at, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(x + at))), 0));
  }
}
