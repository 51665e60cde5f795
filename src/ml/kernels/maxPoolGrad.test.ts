import { describe, expect, it } from 'vitest';
import { maxPoolGrad2x2, maxPoolGradValues, type PoolGeometry } from './maxPoolGrad';

function geometry(batch: number, height: number, width: number, channels: number): PoolGeometry {
  return {
    batch,
    height,
    width,
    channels,
    outHeight: Math.floor(height / 2),
    outWidth: Math.floor(width / 2),
    filter: [2, 2],
    stride: [2, 2],
  };
}

describe('the unrolled 2×2 pooling gradient', () => {
  it.each([
    ['the first pool of this network', geometry(3, 26, 26, 8)],
    ['the second, whose odd edge is dropped', geometry(3, 11, 11, 16)],
  ])('routes exactly as the general kernel, %s, with ties, zeros, negatives and NaN', (_, g) => {
    const size = g.batch * g.height * g.width * g.channels;
    // Few distinct values, so ties are common; some windows all zero, some all negative, a few NaN.
    const x = Float32Array.from({ length: size }, (_, i) =>
      i % 97 === 0 ? Number.NaN : Math.floor(Math.sin(i * 12.9898) * 3) - (i % 5 === 0 ? 3 : 0),
    );
    const dy = Float32Array.from({ length: g.batch * g.outHeight * g.outWidth * g.channels }, (_, i) => (i % 7) - 3.5);
    const general = new Float32Array(size);
    const fast = new Float32Array(size).fill(9);
    maxPoolGradValues(x, dy, general, g);
    maxPoolGrad2x2(x, dy, fast, g);
    expect(Array.from(fast)).toEqual(Array.from(general));
  });
});
