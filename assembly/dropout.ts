/*
 * Dropout's multiplier, drawn here rather than by JavaScript's Math.random: each value is
 * a hash of its position in the sequence (a 32-bit counter) mixed with a 32-bit key, both
 * wasm globals rather than memory, so the module still owns none. The key goes in after a
 * first round of hashing: XORed into the counter directly, a new key would only relabel
 * the positions of the old sequence.
 */
let counter: u32 = 0;
let key: u32 = 0;

/** lowbias32 (Chris Wellons' integer hash) on four lanes: consecutive inputs give unrelated outputs. */
function hash4(h: v128): v128 {
  h = v128.xor(h, i32x4.shr_u(h, 16));
  h = i32x4.mul(h, i32x4.splat(0x7feb352d));
  h = v128.xor(h, i32x4.shr_u(h, 15));
  h = i32x4.mul(h, i32x4.splat(0x846ca68b));
  return v128.xor(h, i32x4.shr_u(h, 16));
}

/** Starts the sequence: a key from the caller (the browser's entropy) and a position (0, or near the end for a test). */
export function seedDropout(seed: u32, start: u32): void {
  key = seed;
  counter = start;
}

/**
 * out[i] = 1 / keep with probability keep, else 0: the multiplier tf.dropout applies to
 * its input (inverted dropout). Drawn from the top 24 bits of each hash, as float32 would.
 */
export function dropoutMultiplier(out: usize, count: i32, keep: f32): void {
  // Before the counter wraps (about 17,000 steps of this network), move to a new key.
  if (counter > 0xf0000000) {
    key = i32x4.extract_lane(hash4(i32x4.splat(key ^ 0x9e3779b9)), 0);
    counter = 0;
  }
  const limit = i32x4.splat(<i32>(<f64>keep * 16777216.0));
  const scale = f32x4.splat(1 / keep);
  const salt = i32x4.splat(key);
  let lanes = i32x4(counter, counter + 1, counter + 2, counter + 3);
  const whole = count & ~3;
  for (let i = 0; i < count; i += 4) {
    const bits = i32x4.shr_u(hash4(v128.xor(hash4(lanes), salt)), 8);
    const values = v128.and(scale, i32x4.lt_s(bits, limit));
    if (i < whole) {
      v128.store(out + ((<usize>i) << 2), values);
    } else {
      // The last one to three values of a count that is not a multiple of four.
      for (let lane = 0; lane < count - whole; lane++) store<f32>(out + ((<usize>(i + lane)) << 2), pickLane(values, lane));
    }
    lanes = i32x4.add(lanes, i32x4.splat(4));
  }
  counter += <u32>count;
}

function pickLane(values: v128, lane: i32): f32 {
  if (lane == 0) return f32x4.extract_lane(values, 0);
  if (lane == 1) return f32x4.extract_lane(values, 1);
  return f32x4.extract_lane(values, 2);
}
