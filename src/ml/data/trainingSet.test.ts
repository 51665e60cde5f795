import { describe, expect, it } from 'vitest';
import type { MnistSplit } from './data';
import { IMAGE_PIXELS } from './mnist';
import { epochOrder } from './random';
import { digitsSplit, runTrainingSet, splitExamples, TrainingSet } from './trainingSet';
import { NOTEBOOK_VALIDATION } from './validation';
import { NO_MY_DIGITS } from './myDigits';

/** A split whose image i is filled with i (mod 256) and labelled i mod 10. */
function split(count: number, offset = 0): MnistSplit {
  const images = new Uint8Array(count * IMAGE_PIXELS);
  for (let i = 0; i < count; i++) images.fill((i + offset) % 256, i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
  return { count, images, labels: Uint8Array.from({ length: count }, (_, i) => (i + offset) % 10) };
}

describe('a run’s training set', () => {
  it('without my digits, shuffles exactly as runs always have: the first N of the whole split’s order', () => {
    const train = split(500);
    const set = new TrainingSet(train, 300);
    expect(set.size).toBe(300);
    expect(Array.from(set.order(42, 3))).toEqual(Array.from(epochOrder(500, 42, 3).filter((index) => index < 300)));
  });

  it('with my digits repeated k times, each joins every epoch k times, at its own index each time', () => {
    const train = split(100);
    const mine = split(7, 200);
    const set = new TrainingSet(train, 60, mine, 4);
    expect(set.size).toBe(60 + 7 * 4);
    const order = Array.from(set.order(1, 1));
    expect(order).toHaveLength(88);
    expect(new Set(order).size).toBe(88);
    const extra = order.filter((index) => index >= 100);
    expect(extra).toHaveLength(28);
    // Each of my 7 digits, 4 times.
    const times = Array.from({ length: 7 }, (_, digit) => extra.filter((index) => (index - 100) % 7 === digit).length);
    expect(times).toEqual([4, 4, 4, 4, 4, 4, 4]);
    for (const index of extra) {
      const digit = (index - 100) % 7;
      expect(set.pixels(index)[0]).toBe(200 + digit);
      expect(set.label(index)).toBe((200 + digit) % 10);
    }
    // MNIST's images keep their own bytes and labels.
    expect(set.pixels(59)[100]).toBe(59);
    expect(set.label(59)).toBe(9);
    // The same (seed, epoch) gives the same order; another epoch another.
    expect(Array.from(set.order(1, 1))).toEqual(order);
    expect(Array.from(set.order(1, 2))).not.toEqual(order);
  });

  it('takes my digits only when the settings add them', () => {
    const data = { train: split(100), test: split(20) };
    const mine = split(5, 50);
    const base = { ...NOTEBOOK_VALIDATION, ...NO_MY_DIGITS, trainSize: 80, testSize: 20 };
    expect(runTrainingSet(data, base, mine).size).toBe(80);
    expect(runTrainingSet(data, { ...base, myDigits: true, myRepeat: 3 }, mine).size).toBe(95);
    // A held-out share of the training images is left out before my digits join.
    expect(runTrainingSet(data, { ...base, validation: 'split', validationSplit: 0.25, myDigits: true, myRepeat: 2 }, mine).size).toBe(70);
  });

  it('packs digits as a split, in their order', () => {
    const pixels = (value: number): Uint8Array => new Uint8Array(IMAGE_PIXELS).fill(value);
    const packed = digitsSplit([
      { label: 3, pixels: pixels(30) },
      { label: 7, pixels: pixels(70) },
    ]);
    expect(packed.count).toBe(2);
    expect(Array.from(packed.labels)).toEqual([3, 7]);
    const examples = splitExamples(packed);
    expect(examples.pixels(1)[783]).toBe(70);
    expect(examples.label(0)).toBe(3);
  });
});
