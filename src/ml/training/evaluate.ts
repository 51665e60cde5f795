import * as tf from '@tensorflow/tfjs';
import { batchBuffers, gatherBatch, imagesTensor } from '../data/batches';
import type { MnistSplit } from '../data/data';
import { splitExamples } from '../data/trainingSet';
import { NUM_CLASSES } from '../data/mnist';

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
  /** The predicted class of each evaluated image, in order. */
  readonly predictions: Int32Array;
  /** The probability the model gave its prediction, per image. */
  readonly confidences: Float32Array;
}

/** Sparse categorical cross-entropy on softmax outputs, as Keras computes it (clipped at 1e-7). */
export function crossEntropy(labels: tf.Tensor1D, probabilities: tf.Tensor2D): tf.Tensor1D {
  return tf.metrics.categoricalCrossentropy(tf.oneHot(labels, NUM_CLASSES), probabilities) as tf.Tensor1D;
}

export function correctCount(labels: tf.Tensor1D, probabilities: tf.Tensor2D): tf.Scalar {
  return tf.equal(tf.argMax(probabilities, 1), labels).toFloat().sum();
}

export const EVALUATION_BATCH = 1000;

/** Loss, accuracy, predictions and their confidence over the first `count` images of a split, in batches. */
export async function evaluate(
  model: tf.LayersModel,
  split: MnistSplit,
  count: number,
  batchSize = EVALUATION_BATCH,
  guard: <T>(download: Promise<T>) => Promise<T> = (download) => download,
): Promise<Evaluation> {
  const n = Math.min(count, split.count);
  const order = Array.from({ length: n }, (_, i) => i);
  const buffers = batchBuffers(batchSize);
  const examples = splitExamples(split);
  const predictions = new Int32Array(n);
  const confidences = new Float32Array(n);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = gatherBatch(examples, order, start, batchSize, buffers);
    const { lossTotal, predicted, confidence } = tf.tidy(() => {
      const labels = tf.tensor1d(buffers.labels.subarray(0, size), 'int32');
      const probabilities = model.predict(imagesTensor(buffers.images, size)) as tf.Tensor2D;
      return {
        lossTotal: crossEntropy(labels, probabilities).sum(),
        predicted: tf.argMax(probabilities, 1),
        confidence: tf.max(probabilities, 1),
      };
    });
    const [lossValue, predictedValues, confidenceValues] = await guard(
      Promise.all([lossTotal.data(), predicted.data(), confidence.data()]),
    );
    tf.dispose([lossTotal, predicted, confidence]);
    confidences.set(confidenceValues, start);
    lossSum += lossValue[0] ?? 0;
    for (let i = 0; i < size; i++) {
      const p = predictedValues[i] ?? -1;
      predictions[start + i] = p;
      if (p === buffers.labels[i]) correct++;
    }
  }
  return { loss: lossSum / n, accuracy: correct / n, predictions, confidences };
}
