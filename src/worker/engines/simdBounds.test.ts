/**
 * The raw SIMD kernels on a memory of their own: every output lies between guard bands that
 * must come out untouched (a write past an output would corrupt another of tfjs' tensors),
 * and dropout's draws stay right across the change of key before its counter wraps.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SimdKernels } from '../../ml/kernels/simd';
import { mulberry32 } from '../../ml/data/random';
import { wasmThreadsDir } from '../../../scripts/lib/paths';
import { instantiateSimdKernels } from './simdKernels';

const GUARD = 64; // floats on each side of an output
const SENTINEL = 12345.5;

let memory: WebAssembly.Memory;
let heap: Float32Array;
let simd: SimdKernels;
let next = 0;

/** Room for `count` floats between two guard bands; returns the byte offset of the first float. */
function region(count: number, fill: (i: number) => number = () => 0): number {
  const start = next + GUARD;
  heap.fill(SENTINEL, next, start + count + GUARD);
  for (let i = 0; i < count; i++) heap[start + i] = fill(i);
  next = start + count + GUARD;
  return start * 4;
}

function randomRegion(count: number, seed: number): number {
  const random = mulberry32(seed);
  return region(count, () => random() * 2 - 1);
}

/** Every float outside the regions' insides still holds the sentinel. */
function guardsIntact(...regions: [number, number][]): boolean {
  return regions.every(([offset, count]) => {
    const start = offset / 4;
    const before = heap.subarray(start - GUARD, start);
    const after = heap.subarray(start + count, start + count + GUARD);
    return [...before, ...after].every((v) => v === SENTINEL);
  });
}

beforeEach(async () => {
  memory = new WebAssembly.Memory({ initial: 32 });
  heap = new Float32Array(memory.buffer);
  next = 0;
  const binary = await readFile(join(wasmThreadsDir, 'kernels.wasm'));
  simd = await instantiateSimdKernels(await WebAssembly.compile(binary), memory);
});

describe('the SIMD kernels write their outputs and nothing else', () => {
  it('MaxPoolGrad on an odd size, bias add, row sums, every filter gradient', () => {
    const x = randomRegion(3 * 11 * 11 * 4, 1);
    const dy = randomRegion(3 * 5 * 5 * 4, 2);
    const dx = region(3 * 11 * 11 * 4);
    simd.maxPoolGrad2x2(x, dy, dx, 3, 11, 11, 4, 5, 5);

    const rows = randomRegion(5 * 8, 3);
    const bias = randomRegion(8, 4);
    const added = region(5 * 8);
    simd.addBias(rows, bias, added, 5, 8);

    const tall = randomRegion(300 * 4, 5);
    const sums = region(4);
    simd.sumRows(tall, sums, 300, 4);

    const image = randomRegion(2 * 6 * 6, 6);
    const gradient = randomRegion(2 * 4 * 4 * 8, 7);
    const filter = region(72);
    simd.filterGrad3x3In1(image, gradient, filter, 2, 6, 6, 8);

    const wide = randomRegion(2 * 5 * 5 * 2, 8);
    const gradient16 = randomRegion(2 * 3 * 3 * 16, 9);
    const filter16 = region(9 * 2 * 16);
    simd.filterGradAny(wide, gradient16, filter16, 2, 5, 5, 2, 16, 3, 0, 0, 3, 3);

    // Same padding, 5×5, three channels in (a pair and a single), 22 out (blocks of 16 and 4, two scalars).
    const padded = randomRegion(2 * 6 * 6 * 3, 10);
    const gradient22 = randomRegion(2 * 6 * 6 * 22, 11);
    const filter22 = region(25 * 3 * 22);
    simd.filterGradAny(padded, gradient22, filter22, 2, 6, 6, 3, 22, 5, 2, 2, 6, 6);

    const inputs: [number, number][] = [
      [x, 3 * 11 * 11 * 4],
      [dy, 3 * 5 * 5 * 4],
      [rows, 40],
      [bias, 8],
      [tall, 1200],
      [image, 72],
      [gradient, 256],
      [wide, 100],
      [gradient16, 288],
      [padded, 216],
      [gradient22, 1584],
    ];
    const outputs: [number, number][] = [
      [dx, 3 * 11 * 11 * 4],
      [added, 40],
      [sums, 4],
      [filter, 72],
      [filter16, 288],
      [filter22, 1650],
    ];
    expect(guardsIntact(...inputs, ...outputs)).toBe(true);
    // The last row and column of each image lie outside every window: zero, not left as they were.
    expect(heap[dx / 4 + 10 * 11 * 4]).toBe(0);
    expect(heap[dx / 4 + 11 * 11 * 4 - 1]).toBe(0);
  });

  it('dropout fills exactly the count asked for, whatever it is modulo four', () => {
    for (const count of [1, 2, 3, 5, 6, 7, 8]) {
      const out = region(count, () => -1);
      simd.dropoutMultiplier(out, count, 0.5);
      expect(guardsIntact([out, count])).toBe(true);
      expect(Array.from(heap.subarray(out / 4, out / 4 + count)).every((v) => v === 0 || v === 2)).toBe(true);
    }
  });
});

describe('dropout across the change of key', () => {
  it('keeps the right share and gives new masks after the counter passes its limit', () => {
    const count = 100_000;
    simd.seedDropout(7, 0);
    const fresh = region(count);
    simd.dropoutMultiplier(fresh, count, 0.8);
    // Just short of the limit: this call draws on, the next one starts under a new key at 0.
    simd.seedDropout(7, 0xf0000000 - 10);
    const last = region(count);
    simd.dropoutMultiplier(last, count, 0.8);
    const rekeyed = region(count);
    simd.dropoutMultiplier(rekeyed, count, 0.8);
    const values = (offset: number): Float32Array => heap.subarray(offset / 4, offset / 4 + count);
    for (const offset of [fresh, last, rekeyed]) {
      const kept = values(offset).filter((v) => v > 0).length / count;
      expect(Math.abs(kept - 0.8)).toBeLessThan(0.01);
    }
    // Under the new key the draws are not those of the old one from its start.
    const same = values(rekeyed).filter((v, i) => v === values(fresh)[i]).length / count;
    expect(same).toBeLessThan(0.75);
  });
});
