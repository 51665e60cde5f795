import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lyingZip, twinZip } from '../zipTesting';
import { IMAGE_PIXELS } from './mnist';
import { MY_DIGITS_FILES, myDigitsIdx, type DigitImage } from './myDigits';
import { myDigitsZip, readMyDigitsZip } from './myDigitsZip';

const twelve: DigitImage[] = Array.from({ length: 12 }, (_, i) => ({
  label: i % 10,
  pixels: Uint8Array.from({ length: IMAGE_PIXELS }, (_, p) => (p * (i + 1)) % 256),
}));

const refusal = (bytes: Uint8Array): string => {
  try {
    readMyDigitsZip(bytes);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the zip was taken');
};

describe('the zip of my digits', () => {
  it('holds MNIST’s two IDX files, and reads back as the same digits', () => {
    const zip = myDigitsZip(twelve);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual([MY_DIGITS_FILES.images, MY_DIGITS_FILES.labels].sort());
    expect(readMyDigitsZip(zip)).toEqual(twelve);
    // The same files in a folder, as a person might zip them again.
    const { images, labels } = myDigitsIdx(twelve);
    expect(readMyDigitsZip(zipSync({ mine: { [MY_DIGITS_FILES.images]: images, [MY_DIGITS_FILES.labels]: labels } }))).toEqual(twelve);
  });

  it('is refused, saying why: truncated, a file missing, too large, lying about a size, a member twice', () => {
    const zip = myDigitsZip(twelve);
    expect(refusal(zip.slice(0, zip.length - 30))).toBe('it could not be read as a zip file: it may be truncated or damaged');
    const { images, labels } = myDigitsIdx(twelve);
    expect(refusal(zipSync({ [MY_DIGITS_FILES.images]: images }))).toBe(
      `it must hold ${MY_DIGITS_FILES.images} and ${MY_DIGITS_FILES.labels}`,
    );
    expect(refusal(new Uint8Array(100 * 2 ** 20))).toMatch(/^it is 100 MB; a zip of my digits is at most 7\.5 MB$/);
    expect(refusal(lyingZip(MY_DIGITS_FILES.labels, new Uint8Array(2 ** 22), 20))).toBe(
      `its ${MY_DIGITS_FILES.labels} unpacks to more than 10 kB`,
    );
    const twin = MY_DIGITS_FILES.labels.replace('labels', 'labelz');
    expect(refusal(twinZip({ [MY_DIGITS_FILES.labels]: labels, [twin]: labels }, twin, MY_DIGITS_FILES.labels))).toBe(
      `it lists ${MY_DIGITS_FILES.labels} twice`,
    );
  });
});
