import { isOneOf } from '../choices';
import { IMAGE_PIXELS } from './mnist';
import type { MnistData, MnistSplit } from './data';

/**
 * Where each epoch is validated: on the test set, as the notebook does
 * (`validation_data=(x_test, y_test)`), or on a share of the training images held out, as
 * Keras' `validation_split` does, so the test set is touched only by Evaluate.
 */
export const VALIDATION_SOURCES = ['test', 'split'] as const;
export type ValidationSource = (typeof VALIDATION_SOURCES)[number];

export function isValidationSource(value: string): value is ValidationSource {
  return isOneOf(VALIDATION_SOURCES, value);
}

export interface ValidationConfig {
  readonly validation: ValidationSource;
  /** The share held out when `validation` is `split` (kept, unused, otherwise). */
  readonly validationSplit: number;
}

export const NOTEBOOK_VALIDATION: ValidationConfig = { validation: 'test', validationSplit: 0.1 };

/** Which images an evaluation scored: the first N test images, or training images from `first` on. */
export type MnistEvaluatedOn = { readonly kind: 'test' } | { readonly kind: 'validation'; readonly first: number };

/**
 * Or my held-out digits, by id in the order scored (the list may change after), held out at `share`:
 * the share asked for, or a smaller one the weights trained at (digits above it were trained on).
 */
export type EvaluatedOn = MnistEvaluatedOn | { readonly kind: 'mine'; readonly ids: readonly string[]; readonly share: number };

/** What Evaluate scores: MNIST's test images, or my held-out digits. */
export const TEST_SETS = ['mnist', 'mine'] as const;
export type TestSet = (typeof TEST_SETS)[number];

export function isTestSet(value: string): value is TestSet {
  return isOneOf(TEST_SETS, value);
}

/** The test set an evaluation belongs to. */
export function testSetOf(on: EvaluatedOn): TestSet {
  return on.kind === 'mine' ? 'mine' : 'mnist';
}

/**
 * How many of the first `trainCount` training images are trained on. Keras takes the last
 * share before any shuffling, splitting at floor(count × (1 − share)), and so does this.
 */
export function splitAt(trainCount: number, config: ValidationConfig): number {
  return config.validation === 'split' ? Math.floor(trainCount * (1 - config.validationSplit)) : trainCount;
}

/** Why a split cannot be made of `trainCount` images (one side would be empty, as Keras refuses), or null. */
export function splitProblem(trainCount: number, config: ValidationConfig): string | null {
  if (config.validation !== 'split') return null;
  const at = splitAt(trainCount, config);
  if (at > 0 && at < trainCount) return null;
  const side = at === 0 ? 'none to train on' : 'none to validate on';
  return `a share of ${config.validationSplit} of ${trainCount.toLocaleString('en-US')} training images leaves ${side}`;
}

/** A run's images: those it trains on (the first `trainCount`), and those each epoch is validated on. */
export interface RunImages {
  readonly trainCount: number;
  readonly validation: MnistSplit;
  readonly on: MnistEvaluatedOn;
}

/** The training and validation images a run's settings name in the dataset (views, not copies). */
export function runImages(data: MnistData, config: ValidationConfig & { trainSize: number; testSize: number }): RunImages {
  const count = Math.min(config.trainSize, data.train.count);
  if (config.validation === 'test') {
    const n = Math.min(config.testSize, data.test.count);
    return { trainCount: count, validation: slice(data.test, 0, n), on: { kind: 'test' } };
  }
  const first = splitAt(count, config);
  return { trainCount: first, validation: slice(data.train, first, count), on: { kind: 'validation', first } };
}

/** Images `from` to `to` (exclusive) of a split. */
export function slice(split: MnistSplit, from: number, to: number): MnistSplit {
  return {
    count: to - from,
    images: split.images.subarray(from * IMAGE_PIXELS, to * IMAGE_PIXELS),
    labels: split.labels.subarray(from, to),
  };
}

/** The split an evaluation's images come from, and the offset of its first image there. */
export function evaluatedSplit(data: MnistData, on: MnistEvaluatedOn): { split: MnistSplit; first: number } {
  switch (on.kind) {
    case 'test':
      return { split: data.test, first: 0 };
    case 'validation':
      return { split: data.train, first: on.first };
  }
}

/** How the page names image `index` of an evaluation: by its place in the split it comes from. */
export function imageName(on: EvaluatedOn, index: number): string {
  switch (on.kind) {
    case 'test':
      return `test image ${index}`;
    case 'validation':
      return `training image ${on.first + index}`;
    case 'mine':
      return `my held-out digit ${index + 1}`;
  }
}

/** The held-out share as a percentage, to a tenth. */
export function sharePercent(config: ValidationConfig): number {
  return Math.round(config.validationSplit * 1000) / 10;
}

/** Where a run's epochs are validated, in a few words: "test set", "10 % held out". */
export function validationText(config: ValidationConfig): string {
  switch (config.validation) {
    case 'test':
      return 'test set';
    case 'split':
      return `${sharePercent(config)} % held out`;
  }
}
