import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from './mnist';
import { IdxFormatError, encodeIdxImages, encodeIdxLabels, parseIdxImages, parseIdxLabels } from './idx';

describe('IDX images', () => {
  it('parses the header written by encodeIdxImages and returns the pixels', () => {
    const pixels = Uint8Array.from({ length: 2 * IMAGE_PIXELS }, (_, i) => i % 256);
    const parsed = parseIdxImages(encodeIdxImages(pixels, 2), 'small');
    expect(parsed.count).toBe(2);
    expect(parsed.pixels).toEqual(pixels);
  });

  it('reads the big-endian header of a hand-made file', () => {
    const bytes = new Uint8Array(16 + IMAGE_PIXELS);
    bytes.set([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]);
    bytes[16 + 783] = 255;
    const parsed = parseIdxImages(bytes, 'hand');
    expect(parsed.count).toBe(1);
    expect(parsed.pixels[783]).toBe(255);
  });

  it.each([
    ['a label file', encodeIdxLabels(new Uint8Array(3)), /magic number 2049, expected 2051/],
    ['a truncated file', encodeIdxImages(new Uint8Array(2 * IMAGE_PIXELS), 2).subarray(0, 100), /header promises 2 images/],
    ['a header only', encodeIdxImages(new Uint8Array(IMAGE_PIXELS), 1).subarray(0, 10), /too short/],
  ])('rejects %s with a clear message', (_, bytes, message) => {
    expect(() => parseIdxImages(bytes, 'file')).toThrow(IdxFormatError);
    expect(() => parseIdxImages(bytes, 'file')).toThrow(message);
  });

  it('rejects images that are not 28×28', () => {
    const bytes = encodeIdxImages(new Uint8Array(IMAGE_PIXELS), 1);
    new DataView(bytes.buffer).setUint32(8, 32, false);
    expect(() => parseIdxImages(bytes, 'f')).toThrow(/32×28, expected 28×28/);
  });
});

describe('IDX labels', () => {
  it('round-trips labels', () => {
    const labels = Uint8Array.from([5, 0, 4, 1, 9]);
    expect(parseIdxLabels(encodeIdxLabels(labels), 'l')).toEqual(labels);
  });

  it('rejects an image file and a truncated label file', () => {
    expect(() => parseIdxLabels(encodeIdxImages(new Uint8Array(IMAGE_PIXELS), 1), 'f')).toThrow(/magic number 2051, expected 2049/);
    expect(() => parseIdxLabels(encodeIdxLabels(new Uint8Array(10)).subarray(0, 12), 'f')).toThrow(/promises 10 labels/);
  });
});
