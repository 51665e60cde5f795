import { zipSync } from 'fflate';
import { sizeText } from '../text';
import { readZipMembers } from '../zipMembers';
import { IdxFormatError } from './idx';
import { MAX_MY_DIGITS_BYTES, MY_DIGITS_FILES, myDigitsIdx, readMyDigitsIdx, type DigitImage } from './myDigits';

/*
 * My digits as one zip of MNIST's two IDX files, which NumPy reads as the notebook reads MNIST.
 * Loaded on the first download or upload, like the TensorBoard writer.
 */

/** A zip of the most digits kept, stored, with room for a zip's own bytes; a larger file is refused unread. */
export const MAX_MY_DIGITS_ZIP_BYTES = MAX_MY_DIGITS_BYTES.images + MAX_MY_DIGITS_BYTES.labels + 64 * 1024;

export const MY_DIGITS_ZIP = 'my-digits.zip';

export function myDigitsZip(digits: readonly DigitImage[], now = new Date()): Uint8Array<ArrayBuffer> {
  const { images, labels } = myDigitsIdx(digits);
  // A copy on a buffer of its own: what a Blob takes (fflate's type allows a shared one).
  return new Uint8Array(zipSync({ [MY_DIGITS_FILES.images]: images, [MY_DIGITS_FILES.labels]: labels }, { level: 6, mtime: now }));
}

const CAPS: Readonly<Record<string, number>> = {
  [MY_DIGITS_FILES.images]: MAX_MY_DIGITS_BYTES.images,
  [MY_DIGITS_FILES.labels]: MAX_MY_DIGITS_BYTES.labels,
};

function refuse(message: string): never {
  throw new IdxFormatError(message);
}

/** Why a file of this many bytes is no zip of my digits (checked before a byte of it is read), or null. */
export function zipSizeProblem(bytes: number): string | null {
  return bytes > MAX_MY_DIGITS_ZIP_BYTES
    ? `it is ${sizeText(bytes)}; a zip of my digits is at most ${sizeText(MAX_MY_DIGITS_ZIP_BYTES)}`
    : null;
}

/** The digits of a zip written by myDigitsZip (or by hand, with the same two names, in any folder), checked; throws IdxFormatError. */
export function readMyDigitsZip(bytes: Uint8Array): DigitImage[] {
  const tooLarge = zipSizeProblem(bytes.byteLength);
  if (tooLarge) refuse(tooLarge);
  const members = readZipMembers(bytes, {
    caps: CAPS,
    total: MAX_MY_DIGITS_BYTES.images + MAX_MY_DIGITS_BYTES.labels,
    keyOf: (path) => {
      const name = path.split('/').pop() ?? '';
      return Object.hasOwn(CAPS, name) ? name : null;
    },
    refuse,
  });
  const images = members[MY_DIGITS_FILES.images];
  const labels = members[MY_DIGITS_FILES.labels];
  if (!images || !labels) refuse(`it must hold ${MY_DIGITS_FILES.images} and ${MY_DIGITS_FILES.labels}`);
  return readMyDigitsIdx(images, labels);
}
