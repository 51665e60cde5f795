import { PNG } from 'pngjs';

/** 8-bit grayscale PNG, no gamma or colour chunks, so browsers decode it byte for byte. */
export function encodeGrayPng(gray: Uint8Array, width: number, height: number): Buffer {
  if (gray.length !== width * height) throw new RangeError(`expected ${width * height} bytes, got ${gray.length}`);
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(gray.buffer, gray.byteOffset, gray.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8, deflateLevel: 9 });
}

/** Decodes a PNG to one byte per pixel (the red channel: the sheets are gray). */
export function decodeGrayPng(bytes: Uint8Array): { gray: Uint8Array; width: number; height: number } {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const gray = new Uint8Array(png.width * png.height);
  for (let i = 0; i < gray.length; i++) gray[i] = png.data[i * 4] ?? 0;
  return { gray, width: png.width, height: png.height };
}
