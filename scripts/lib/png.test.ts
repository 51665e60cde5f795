import { describe, expect, it } from 'vitest';
import { decodeGrayPng, encodeGrayPng } from './png';

describe('gray PNG', () => {
  it('round-trips every byte value exactly', () => {
    const width = 64;
    const height = 8;
    const gray = Uint8Array.from({ length: width * height }, (_, i) => (i * 37) % 256);
    const decoded = decodeGrayPng(encodeGrayPng(gray, width, height));
    expect(decoded.width).toBe(width);
    expect(decoded.height).toBe(height);
    expect(decoded.gray).toEqual(gray);
  });

  it('writes 8-bit grayscale with no gamma, colour-profile or sRGB chunk', () => {
    const png = encodeGrayPng(new Uint8Array(4), 2, 2);
    const text = png.toString('latin1');
    expect(text.slice(12, 16)).toBe('IHDR');
    expect(png[24]).toBe(8); // bit depth
    expect(png[25]).toBe(0); // colour type 0: grayscale
    for (const chunk of ['gAMA', 'iCCP', 'sRGB', 'cHRM']) expect(text).not.toContain(chunk);
  });
});
