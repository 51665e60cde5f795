import { imageAt, type MnistData, type MnistSplit } from './data';
import { IMAGE_PIXELS } from './mnist';
import type { DigitImage, MyDigitsConfig } from './myDigits';
import { epochOrder } from './random';
import { runImages, type ValidationConfig } from './validation';

/** Images a batch is gathered from, by index: a split, or a run's training set. */
export interface Examples {
  /** A view of the image's 784 bytes, not a copy. */
  pixels(index: number): Uint8Array;
  label(index: number): number;
}

export function splitExamples(split: MnistSplit): Examples {
  return { pixels: (index) => imageAt(split, index), label: (index) => split.labels[index] ?? 0 };
}

export const EMPTY_SPLIT: MnistSplit = { count: 0, images: new Uint8Array(0), labels: new Uint8Array(0) };

/** Digits packed as a split, in their order: my digits beside MNIST's. */
export function digitsSplit(digits: readonly DigitImage[]): MnistSplit {
  const images = new Uint8Array(digits.length * IMAGE_PIXELS);
  digits.forEach((digit, i) => images.set(digit.pixels, i * IMAGE_PIXELS));
  return { count: digits.length, images, labels: Uint8Array.from(digits, (digit) => digit.label) };
}

/**
 * The images a run's epochs draw from: the first `trainCount` training images, then `extra` (my
 * digits) `repeat` times over. Its indices run past the training split's end for the extra
 * images, so each repeat is a different index (augmented differently) and a run without them
 * shuffles exactly as it always did.
 */
export class TrainingSet implements Examples {
  constructor(
    private readonly train: MnistSplit,
    private readonly trainCount: number,
    private readonly extra: MnistSplit = EMPTY_SPLIT,
    private readonly repeat = 0,
  ) {}

  /** Images in one epoch. */
  get size(): number {
    return this.trainCount + this.extra.count * this.repeat;
  }

  /** Epoch `epoch`'s order, seeded by (seed, epoch). */
  order(seed: number, epoch: number): Uint32Array {
    const { train, trainCount } = this;
    return epochOrder(train.count + this.extra.count * this.repeat, seed, epoch).filter(
      (index) => index < trainCount || index >= train.count,
    );
  }

  pixels(index: number): Uint8Array {
    return index < this.train.count ? imageAt(this.train, index) : imageAt(this.extra, this.extraIndex(index));
  }

  label(index: number): number {
    return (index < this.train.count ? this.train.labels[index] : this.extra.labels[this.extraIndex(index)]) ?? 0;
  }

  private extraIndex(index: number): number {
    return (index - this.train.count) % this.extra.count;
  }
}

/** A run's training set: its share of MNIST's training images, and my digits (`mine`) when its settings add them. */
export function runTrainingSet(
  data: MnistData,
  config: ValidationConfig & MyDigitsConfig & { trainSize: number; testSize: number },
  mine: MnistSplit = EMPTY_SPLIT,
): TrainingSet {
  const { trainCount } = runImages(data, config);
  return config.myDigits ? new TrainingSet(data.train, trainCount, mine, config.myRepeat) : new TrainingSet(data.train, trainCount);
}
