import { ZERO } from './lanes';

/** out[r, c] = x[r, c] + bias[c]: a layer's bias added to every position of the batch. */
export function addBias(x: usize, bias: usize, out: usize, rows: i32, channels: i32): void {
  const cell = (<usize>channels) << 2;
  let offset: usize = 0;
  for (let r = 0; r < rows; r++) {
    for (let k: usize = 0; k < cell; k += 16) {
      v128.store(out + offset + k, f32x4.add(v128.load(x + offset + k), v128.load(bias + k)));
    }
    offset += cell;
  }
}

/** out[r, c] = x[r, c] · v[c]: a per-channel factor (batch normalisation's, a mean's gradient). */
export function mulChannels(x: usize, v: usize, out: usize, rows: i32, channels: i32): void {
  const cell = (<usize>channels) << 2;
  let offset: usize = 0;
  for (let r = 0; r < rows; r++) {
    for (let k: usize = 0; k < cell; k += 16) {
      v128.store(out + offset + k, f32x4.mul(v128.load(x + offset + k), v128.load(v + k)));
    }
    offset += cell;
  }
}

/** out[r, c] = x[r, c] − v[c]: values less their channel's mean. */
export function subChannels(x: usize, v: usize, out: usize, rows: i32, channels: i32): void {
  const cell = (<usize>channels) << 2;
  let offset: usize = 0;
  for (let r = 0; r < rows; r++) {
    for (let k: usize = 0; k < cell; k += 16) {
      v128.store(out + offset + k, f32x4.sub(v128.load(x + offset + k), v128.load(v + k)));
    }
    offset += cell;
  }
}

/** Rows summed per block before the block's sum joins the total: bounds float32 rounding. */
const BLOCK: i32 = 256;

/** out[c] = Σ_r x[r, c]: the bias gradient, dy summed over batch and positions. */
export function sumRows(x: usize, out: usize, rows: i32, channels: i32): void {
  const cell = (<usize>channels) << 2;
  memory.fill(out, 0, cell);
  for (let start = 0; start < rows; start += BLOCK) {
    const end = min(rows, start + BLOCK);
    for (let k: usize = 0; k < cell; k += 16) {
      let sum = ZERO;
      let at = x + <usize>start * cell + k;
      for (let r = start; r < end; r++) {
        sum = f32x4.add(sum, v128.load(at));
        at += cell;
      }
      v128.store(out + k, f32x4.add(v128.load(out + k), sum));
    }
  }
}
