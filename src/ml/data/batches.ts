import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE } from './mnist';
import type { Examples } from './trainingSet';

/**
 * Copies the images and labels at `order[start … start+size)` into reusable byte
 * buffers. The dataset stays bytes; only the batch becomes a tensor.
 */
export function gatherBatch(
  examples: Examples,
  order: ArrayLike<number>,
  start: number,
  size: number,
  buffers: { images: Uint8Array; labels: Int32Array },
): number {
  const n = Math.min(size, order.length - start);
  for (let i = 0; i < n; i++) {
    const index = order[start + i] ?? 0;
    buffers.images.set(examples.pixels(index), i * IMAGE_PIXELS);
    buffers.labels[i] = examples.label(index);
  }
  return n;
}

export function batchBuffers(size: number): { images: Uint8Array; labels: Int32Array } {
  return { images: new Uint8Array(size * IMAGE_PIXELS), labels: new Int32Array(size) };
}

/** Bytes → [n, 28, 28, 1] floats in [0, 1], converted on the backend rather than in JS. */
export function imagesTensor(bytes: Uint8Array, count: number): tf.Tensor4D {
  return tf.tidy(() =>
    tf
      .tensor4d(bytes.subarray(0, count * IMAGE_PIXELS), [count, IMAGE_SIZE, IMAGE_SIZE, 1], 'int32')
      .toFloat()
      .mul(1 / 255),
  );
}
