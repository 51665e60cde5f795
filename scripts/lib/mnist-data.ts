import type { MnistData } from '../../src/ml/data/data';
import { readSplitSource } from './dataset-build';
import { mnistIdxDir } from './paths';

/** Both splits straight from the IDX files, as the worker holds them after loading the sprites. */
export async function loadMnistFromIdx(): Promise<MnistData> {
  const [train, test] = await Promise.all([readSplitSource(mnistIdxDir(), 'train'), readSplitSource(mnistIdxDir(), 'test')]);
  return {
    train: { count: train.labels.length, images: train.images, labels: train.labels },
    test: { count: test.labels.length, images: test.images, labels: test.labels },
  };
}
