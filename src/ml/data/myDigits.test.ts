import { describe, expect, it } from 'vitest';
import { IdxFormatError } from './idx';
import { IMAGE_PIXELS } from './mnist';
import {
  DEFAULT_HOLD_OUT,
  digitHash,
  digitsFingerprint,
  holdOutPoint,
  isHeldOut,
  myDigitsIdx,
  readMyDigitsIdx,
  type DigitImage,
} from './myDigits';
import { mulberry32 } from './random';

function digits(count: number, seed: number): DigitImage[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => ({
    label: Math.floor(random() * 10),
    pixels: Uint8Array.from({ length: IMAGE_PIXELS }, () => (random() < 0.2 ? Math.floor(random() * 256) : 0)),
  }));
}

describe('my digits as IDX', () => {
  it('round-trips the bytes and labels of every digit, in order', () => {
    const kept = digits(25, 1);
    const { images, labels } = myDigitsIdx(kept);
    expect(images.length).toBe(16 + 25 * IMAGE_PIXELS);
    expect(Array.from(images.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 0, 25, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect(Array.from(labels.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0, 25]);
    expect(readMyDigitsIdx(images, labels)).toEqual(kept);
  });

  it('refuses counts that disagree, labels beyond 9, 29×29 images and a wrong magic number, saying which', () => {
    const { images, labels } = myDigitsIdx(digits(3, 2));
    expect(() => readMyDigitsIdx(images, myDigitsIdx(digits(2, 2)).labels)).toThrow(
      'the images file holds 3 images but the labels file 2 labels',
    );
    const ten = labels.slice();
    ten[9] = 10;
    expect(() => readMyDigitsIdx(images, ten)).toThrow('label 2 is 10; labels are 0 to 9');
    const wide = images.slice();
    wide[11] = 29;
    wide[15] = 29;
    expect(() => readMyDigitsIdx(wide, labels)).toThrow(IdxFormatError);
    expect(() => readMyDigitsIdx(labels, labels)).toThrow(/magic number 2049, expected 2051/);
  });
});

describe('held-out digits', () => {
  it('stay held out as more are added, and about the share of them is', () => {
    const first = digits(200, 3);
    const before = first.map((digit) => isHeldOut(digit, DEFAULT_HOLD_OUT));
    const after = [...first, ...digits(800, 4)].map((digit) => isHeldOut(digit, DEFAULT_HOLD_OUT));
    expect(after.slice(0, 200)).toEqual(before);
    const share = after.filter(Boolean).length / after.length;
    expect(share).toBeGreaterThan(0.16);
    expect(share).toBeLessThan(0.24);
  });

  it('depend on the digit alone: the same after an IDX round trip; a larger share holds out a superset', () => {
    const kept = digits(100, 5);
    const { images, labels } = myDigitsIdx(kept);
    expect(readMyDigitsIdx(images, labels).map(digitHash)).toEqual(kept.map(digitHash));
    for (const digit of kept) if (isHeldOut(digit, 0.1)) expect(isHeldOut(digit, 0.3)).toBe(true);
  });
});

describe('my digits for a run', () => {
  it('places each digit once in [0, 1): held out at every share above its point, at none below', () => {
    for (const digit of digits(200, 7)) {
      const point = holdOutPoint(digit);
      expect(point).toBeGreaterThanOrEqual(0);
      expect(point).toBeLessThan(1);
      expect(isHeldOut(digit, point)).toBe(false);
      expect(isHeldOut(digit, Math.min(1, point + 1e-9))).toBe(true);
    }
  });

  it('fingerprints a set whatever its order, and tells another set apart', () => {
    const kept = digits(30, 8);
    const print = digitsFingerprint(kept);
    expect(print).toMatch(/^[0-9a-f]{8}$/);
    expect(digitsFingerprint([...kept].reverse())).toBe(print);
    expect(digitsFingerprint(kept.slice(1))).not.toBe(print);
    const relabelled = kept.map((digit, i) => (i === 0 ? { ...digit, label: (digit.label + 1) % 10 } : digit));
    expect(digitsFingerprint(relabelled)).not.toBe(print);
  });
});
