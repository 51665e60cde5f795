import { describe, expect, it } from 'vitest';
import { DatasetError, checkLabels, checkPixels, imageAt } from './data';
import { IMAGE_PIXELS } from './mnist';

function failureOf(run: () => void): DatasetError {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError');
}

describe('checkLabels', () => {
  it('accepts digits in the promised number', () => {
    expect(() => checkLabels('train', Uint8Array.from([0, 9, 5]), 3)).not.toThrow();
  });

  it('rejects a file of the wrong length, saying both counts', () => {
    const error = failureOf(() => checkLabels('train', new Uint8Array(59_999), 60_000));
    expect(error.failure).toBe('size');
    expect(error.message).toBe('The training labels file holds 59,999 labels, but the manifest promises 60,000.');
  });

  it('rejects a label that is not a digit', () => {
    expect(failureOf(() => checkLabels('test', Uint8Array.from([1, 10]), 2)).message).toMatch(/label 1 is 10/);
  });
});

describe('checkPixels', () => {
  const pixels = new Uint8Array(2 * IMAGE_PIXELS);

  it('passes when count and checksum agree', () => {
    expect(() => checkPixels('test', pixels, 2, 'ab'.repeat(32), 'ab'.repeat(32))).not.toThrow();
  });

  it('reports a checksum mismatch as corruption', () => {
    const error = failureOf(() => checkPixels('test', pixels, 2, 'ab'.repeat(32), 'cd'.repeat(32)));
    expect(error.failure).toBe('checksum');
    expect(error.message).toMatch(/^The test images are corrupt: their checksum/);
  });

  it('reports a short decode as a size problem before comparing checksums', () => {
    expect(failureOf(() => checkPixels('train', pixels, 3, 'x', 'x')).failure).toBe('size');
  });
});

describe('imageAt', () => {
  it('returns a view of one image', () => {
    const images = Uint8Array.from({ length: 3 * IMAGE_PIXELS }, (_, i) => Math.floor(i / IMAGE_PIXELS));
    const second = imageAt({ count: 3, images, labels: new Uint8Array(3) }, 1);
    expect(second).toHaveLength(IMAGE_PIXELS);
    expect(new Set(second)).toEqual(new Set([1]));
    expect(second.buffer).toBe(images.buffer);
  });
});
