import { IMAGE_PIXELS, NUM_CLASSES, SPLIT_TITLE, type SplitName } from './mnist';

/** One split held as bytes: 784 per image (47 MB for train), never as floats. */
export interface MnistSplit {
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface MnistData {
  readonly train: MnistSplit;
  readonly test: MnistSplit;
}

export type DatasetFailure = 'http' | 'network' | 'manifest' | 'decode' | 'size' | 'checksum';

/** A dataset problem, phrased for the person looking at the page. */
export class DatasetError extends Error {
  override name = 'DatasetError';
  constructor(
    readonly failure: DatasetFailure,
    message: string,
  ) {
    super(message);
  }
}

export function checkLabels(split: SplitName, labels: Uint8Array, count: number): void {
  const title = SPLIT_TITLE[split];
  if (labels.length !== count) {
    throw new DatasetError(
      'size',
      `The ${title} labels file holds ${labels.length.toLocaleString('en-US')} labels, but the manifest promises ${count.toLocaleString('en-US')}.`,
    );
  }
  const bad = labels.findIndex((label) => label >= NUM_CLASSES);
  if (bad !== -1) {
    throw new DatasetError('size', `The ${title} labels file is corrupt: label ${bad} is ${labels[bad]}, not a digit.`);
  }
}

export function checkPixels(split: SplitName, pixels: Uint8Array, count: number, actualSha: string, expectedSha: string): void {
  const title = SPLIT_TITLE[split];
  if (pixels.length !== count * IMAGE_PIXELS) {
    throw new DatasetError(
      'size',
      `The ${title} images decoded to ${pixels.length / IMAGE_PIXELS} images, but the manifest promises ${count}.`,
    );
  }
  if (actualSha !== expectedSha) {
    throw new DatasetError(
      'checksum',
      `The ${title} images are corrupt: their checksum (${actualSha.slice(0, 12)}…) does not match the manifest (${expectedSha.slice(0, 12)}…). Rebuild the data with npm install, then retry.`,
    );
  }
}

/** The pixels of image `index` as a view, not a copy. */
export function imageAt(split: MnistSplit, index: number): Uint8Array {
  return split.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);
}
