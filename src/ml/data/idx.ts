import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';

/** IDX magic numbers: 0x00000803 (unsigned bytes, 3 dimensions) and 0x00000801 (1 dimension). */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export class IdxFormatError extends Error {
  override name = 'IdxFormatError';
}

/** Reads the big-endian header words after checking the magic number, so a wrong file type is named as such. */
function header(bytes: Uint8Array, words: number, magic: number, kind: string, file: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0, false) !== magic) {
    throw new IdxFormatError(`${file}: magic number ${view.getUint32(0, false)}, expected ${magic} (an IDX ${kind} file)`);
  }
  if (bytes.length < words * 4) throw new IdxFormatError(`${file}: ${bytes.length} bytes is too short for an IDX header`);
  return Array.from({ length: words }, (_, i) => view.getUint32(i * 4, false));
}

export function parseIdxImages(bytes: Uint8Array, file: string): { count: number; pixels: Uint8Array } {
  const [, count = 0, rows = 0, cols = 0] = header(bytes, 4, IDX_IMAGES_MAGIC, 'image', file);
  if (rows !== IMAGE_SIZE || cols !== IMAGE_SIZE) {
    throw new IdxFormatError(`${file}: images are ${rows}×${cols}, expected ${IMAGE_SIZE}×${IMAGE_SIZE}`);
  }
  const expected = 16 + count * IMAGE_PIXELS;
  if (bytes.length !== expected) {
    throw new IdxFormatError(`${file}: ${bytes.length} bytes, but its header promises ${count} images (${expected} bytes)`);
  }
  return { count, pixels: bytes.subarray(16) };
}

export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  const [, count = 0] = header(bytes, 2, IDX_LABELS_MAGIC, 'label', file);
  if (bytes.length !== 8 + count) {
    throw new IdxFormatError(`${file}: ${bytes.length} bytes, but its header promises ${count} labels (${8 + count} bytes)`);
  }
  return bytes.subarray(8);
}

/** Builds IDX bytes: my digits' download, and small files with known content for the tests. */
export function encodeIdxImages(pixels: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(16 + pixels.length);
  const view = new DataView(out.buffer);
  [IDX_IMAGES_MAGIC, count, IMAGE_SIZE, IMAGE_SIZE].forEach((word, i) => view.setUint32(i * 4, word, false));
  out.set(pixels, 16);
  return out;
}

export function encodeIdxLabels(labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + labels.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, IDX_LABELS_MAGIC, false);
  view.setUint32(4, labels.length, false);
  out.set(labels, 8);
  return out;
}
