import { encodeIdxImages, encodeIdxLabels, IdxFormatError, parseIdxImages, parseIdxLabels } from './idx';
import { isRecord } from '../json';
import { IMAGE_PIXELS, NUM_CLASSES } from './mnist';

/*
 * The learner's own digits: 28×28 images as the model received them from the drawing pad (after
 * the MNIST-style preprocessing), each with its label. Plain data, kept by the worker in IndexedDB,
 * written and read as MNIST's own IDX files.
 */

/** At most this many digits are kept: 7.8 MB of pixels. */
export const MAX_MY_DIGITS = 10_000;

/** The share of my digits held out by default: never trained on, what "my digits" accuracy is measured on. */
export const DEFAULT_HOLD_OUT = 0.2;

/** The labels a digit can have, in order. */
export const DIGIT_LABELS: readonly number[] = Array.from({ length: NUM_CLASSES }, (_, digit) => digit);

/** How a run uses my digits: whether it trains with them, how often each is repeated per epoch, and the share held out. */
export interface MyDigitsConfig {
  /** My digits that are not held out join every training epoch. */
  readonly myDigits: boolean;
  /** How many times each of them joins an epoch, 1–100. */
  readonly myRepeat: number;
  /** The share held out: never trained on, what "my digits" accuracy is measured on. */
  readonly myHoldOut: number;
}

export const NO_MY_DIGITS: MyDigitsConfig = { myDigits: false, myRepeat: 1, myHoldOut: DEFAULT_HOLD_OUT };

/** A share of my digits held out, as stored beside weights (null: none kept, or malformed). */
export function readHoldOut(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : null;
}

/** What a run trained with: how many of my digits, each repeated how often per epoch, and the set's fingerprint. */
export interface MyDigitsUse {
  readonly count: number;
  readonly repeat: number;
  /** Eight hex digits, the same for the same digits in any order. */
  readonly fingerprint: string;
}

export const MY_DIGITS_FILES = { images: 'my-digits-images-idx3-ubyte', labels: 'my-digits-labels-idx1-ubyte' } as const;

/** The IDX files of the most digits kept, as the zip states them: anything larger is refused before it is read. */
export const MAX_MY_DIGITS_BYTES = { images: 16 + MAX_MY_DIGITS * IMAGE_PIXELS, labels: 8 + MAX_MY_DIGITS } as const;

/** A digit before it is stored: what the pad gave, or a file held. */
export interface DigitImage {
  /** 0–9. */
  readonly label: number;
  /** 784 bytes, row by row, 0 (background) to 255 (ink), as in MNIST's files. */
  readonly pixels: Uint8Array;
}

export interface MyDigit extends DigitImage {
  readonly id: string;
  /** Milliseconds since 1970. */
  readonly addedAt: number;
}

export const isDigitLabel = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < NUM_CLASSES;

/** A stored or received digit, checked; null if it is not one. */
export function readMyDigit(value: unknown): MyDigit | null {
  if (!isRecord(value)) return null;
  const { id, label, pixels, addedAt } = value;
  if (typeof id !== 'string' || !isDigitLabel(label) || typeof addedAt !== 'number') return null;
  if (!(pixels instanceof Uint8Array) || pixels.length !== IMAGE_PIXELS) return null;
  return { id, label, pixels, addedAt };
}

// A fixed seed: every device holds out the same digits.
const HASH_SEED = 0x6d79_6469;

/** FNV-1a over the label and the pixels, from a fixed seed: a digit's own fingerprint, the same in its IDX round trip. */
export function digitHash({ label, pixels }: DigitImage): number {
  let hash = (0x811c9dc5 ^ HASH_SEED) >>> 0;
  const mix = (byte: number): void => {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  mix(label);
  for (const byte of pixels) mix(byte);
  // FNV's low bits mix poorly for a share: a final avalanche (murmur3's) spreads them.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * Whether a digit is held out: decided by its own hash, so adding, deleting or re-uploading others
 * never moves it (a digit is held out at share s exactly when it is at every larger share).
 */
export function isHeldOut(digit: DigitImage, share: number): boolean {
  return holdOutPoint(digit) < share;
}

/** Where a digit falls in [0, 1): it is held out at every share above it. */
export function holdOutPoint(digit: DigitImage): number {
  return digitHash(digit) / 2 ** 32;
}

/** A set's fingerprint, whatever its order: FNV-1a over its digits' own hashes, sorted. */
export function digitsFingerprint(digits: readonly DigitImage[]): string {
  const hashes = Uint32Array.from(digits, digitHash).sort();
  let hash = 0x811c9dc5;
  for (const value of hashes) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (value >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash.toString(16).padStart(8, '0');
}

/** MNIST's two IDX files of the digits, in their order. */
export function myDigitsIdx(digits: readonly DigitImage[]): { images: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(digits.length * IMAGE_PIXELS);
  digits.forEach((digit, i) => pixels.set(digit.pixels, i * IMAGE_PIXELS));
  return { images: encodeIdxImages(pixels, digits.length), labels: encodeIdxLabels(Uint8Array.from(digits, (digit) => digit.label)) };
}

/** The digits of two IDX files, checked (magic numbers, 28×28, counts that agree, labels 0–9, at most MAX_MY_DIGITS); throws IdxFormatError. */
export function readMyDigitsIdx(images: Uint8Array, labels: Uint8Array): DigitImage[] {
  const parsedImages = parseIdxImages(images, MY_DIGITS_FILES.images);
  const parsedLabels = parseIdxLabels(labels, MY_DIGITS_FILES.labels);
  if (parsedImages.count !== parsedLabels.length) {
    throw new IdxFormatError(`the images file holds ${parsedImages.count} images but the labels file ${parsedLabels.length} labels`);
  }
  if (parsedImages.count > MAX_MY_DIGITS)
    throw new IdxFormatError(`it holds ${parsedImages.count} digits; at most ${MAX_MY_DIGITS} are kept`);
  const bad = parsedLabels.findIndex((label) => label >= NUM_CLASSES);
  if (bad !== -1) throw new IdxFormatError(`label ${bad + 1} is ${parsedLabels[bad] ?? '?'}; labels are 0 to 9`);
  return Array.from(parsedLabels, (label, i) => ({
    label,
    pixels: parsedImages.pixels.slice(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS),
  }));
}
