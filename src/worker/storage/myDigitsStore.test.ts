import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../../ml/data/mnist';
import { MAX_MY_DIGITS, type DigitImage } from '../../ml/data/myDigits';
import { addDigits, deleteDigits, listDigits } from './myDigitsStore';

const digit = (label: number, seed: number): DigitImage => ({
  label,
  pixels: Uint8Array.from({ length: IMAGE_PIXELS }, (_, i) => (i * seed) % 256),
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('my digits in the database', () => {
  it('are listed in the order they were added, each once, and deleted one at a time or all', async () => {
    expect(await addDigits([digit(3, 1), digit(4, 2)])).toBe(2);
    // The same label and pixels again (an upload of a downloaded set) are not kept twice.
    expect(await addDigits([digit(4, 2), digit(5, 3), digit(5, 3)])).toBe(1);
    const listed = await listDigits();
    expect(listed.map((entry) => entry.label)).toEqual([3, 4, 5]);
    expect(listed[1]?.pixels).toEqual(digit(4, 2).pixels);
    await deleteDigits(listed[0]?.id ?? '');
    expect((await listDigits()).map((entry) => entry.label)).toEqual([4, 5]);
    await deleteDigits(null);
    expect(await listDigits()).toEqual([]);
  });

  it('refuse a change that would pass the cap, whole, saying so', async () => {
    const many = Array.from({ length: MAX_MY_DIGITS }, (_, i) => ({
      label: i % 10,
      pixels: Uint8Array.from({ length: IMAGE_PIXELS }, (_, p) => (p === 0 ? i % 256 : p === 1 ? i >> 8 : 0)),
    }));
    expect(await addDigits(many)).toBe(MAX_MY_DIGITS);
    await expect(addDigits([digit(1, 7)])).rejects.toThrow(
      'My digits are full: 10,000 are kept and at most 10,000 fit. Delete some first.',
    );
    expect(await listDigits()).toHaveLength(MAX_MY_DIGITS);
  });
});
