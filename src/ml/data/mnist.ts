/** Facts about MNIST that every part of the app agrees on. */
export const IMAGE_SIZE = 28;
export const IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const NUM_CLASSES = 10;

export type SplitName = 'train' | 'test';
export const SPLITS: readonly SplitName[] = ['train', 'test'];

/** The original split sizes; the build refuses IDX files that disagree. */
export const EXPECTED_COUNT: Readonly<Record<SplitName, number>> = { train: 60_000, test: 10_000 };

export const SPLIT_TITLE: Readonly<Record<SplitName, string>> = {
  train: 'training',
  test: 'test',
};

/** The notebook's sample grid: training images 5 to 40 inclusive, 12 per row. */
export const SAMPLE_GRID = { first: 5, last: 40, perRow: 12 } as const;
export const SAMPLE_COUNT = SAMPLE_GRID.last - SAMPLE_GRID.first + 1;
