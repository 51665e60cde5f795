import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from './mnist';
import type { MnistData, MnistSplit } from './data';
import { runImages, splitAt, splitProblem } from './validation';

function split(count: number, label: (i: number) => number): MnistSplit {
  const images = new Uint8Array(count * IMAGE_PIXELS);
  for (let i = 0; i < count; i++) images[i * IMAGE_PIXELS] = i % 256;
  return { count, images, labels: Uint8Array.from({ length: count }, (_, i) => label(i)) };
}

const data: MnistData = { train: split(100, (i) => i % 10), test: split(30, (i) => 9 - (i % 10)) };

describe('the validation split', () => {
  it('holds out the last share as Keras does: floor(count × (1 − share))', () => {
    // Keras 3's train_validation_split: split_at = int(math.floor(n * (1.0 - validation_split))).
    expect(splitAt(60_000, { validation: 'split', validationSplit: 0.1 })).toBe(54_000);
    // In doubles as in Python: 1000 × 0.6699999999999999 floors to 669.
    expect(splitAt(1_000, { validation: 'split', validationSplit: 0.33 })).toBe(669);
    expect(splitAt(7, { validation: 'split', validationSplit: 0.5 })).toBe(3);
    expect(splitAt(7, { validation: 'test', validationSplit: 0.5 })).toBe(7);
  });

  it('trains on the first images and validates on the rest of those in use', () => {
    const images = runImages(data, { validation: 'split', validationSplit: 0.2, trainSize: 50, testSize: 30 });
    expect(images.trainCount).toBe(40);
    expect(images.on).toEqual({ kind: 'validation', first: 40 });
    expect(images.validation.count).toBe(10);
    expect(Array.from(images.validation.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A view of image 40 onwards, not a copy.
    expect(images.validation.images[0]).toBe(40);
    expect(images.validation.images.buffer).toBe(data.train.images.buffer);
  });

  it('validates on the first test images the notebook’s way', () => {
    const images = runImages(data, { validation: 'test', validationSplit: 0.2, trainSize: 500, testSize: 12 });
    expect(images.trainCount).toBe(100);
    expect(images.on).toEqual({ kind: 'test' });
    expect(images.validation.count).toBe(12);
    expect(images.validation.labels[0]).toBe(9);
  });

  it('refuses a split that leaves one side empty, as Keras does', () => {
    expect(splitProblem(1, { validation: 'split', validationSplit: 0.1 })).toBe(
      'a share of 0.1 of 1 training images leaves none to train on',
    );
    expect(splitProblem(5, { validation: 'split', validationSplit: 0.1 })).toBeNull();
    expect(splitProblem(10, { validation: 'split', validationSplit: 0.1 })).toBeNull();
    expect(splitProblem(1, { validation: 'test', validationSplit: 0.1 })).toBeNull();
  });
});
