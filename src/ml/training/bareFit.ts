import * as tf from '@tensorflow/tfjs';
import { imagesTensor } from '../data/batches';
import type { MnistSplit } from '../data/data';
import { buildCnn, compileCnn } from '../network/build';
import type { NetworkConfig } from '../network/network';

/**
 * A plain `model.fit` on a fresh copy of a network (the one being trained): the baseline the app's own
 * loop is compared with. Returns the time between consecutive batch ends.
 */
export async function bareFitStepTimes(
  split: MnistSplit,
  steps: number,
  batchSize: number,
  now: () => number,
  network: NetworkConfig,
): Promise<number[]> {
  const count = Math.min(steps * batchSize, split.count);
  const model = buildCnn({ seed: 1, network });
  compileCnn(model);
  const images = imagesTensor(split.images, count);
  const labels = tf.tensor1d(Float32Array.from(split.labels.subarray(0, count)));
  const times: number[] = [];
  let last = now();
  try {
    await model.fit(images, labels, {
      batchSize,
      epochs: 1,
      shuffle: false,
      callbacks: {
        onBatchEnd: () => {
          const t = now();
          times.push(t - last);
          last = t;
        },
      },
    });
  } finally {
    tf.dispose([images, labels]);
    model.dispose();
  }
  return times;
}
