import * as tf from '@tensorflow/tfjs';
import { batchBuffers, gatherBatch, imagesTensor } from './batches';
import type { MnistData, MnistSplit } from './data';
import { NonFiniteError } from './faults';
import { NUM_CLASSES } from './mnist';
import { epochOrder } from './random';

export interface TrainConfig {
  readonly epochs: number;
  readonly batchSize: number;
  /** The first N training images are used. */
  readonly trainSize: number;
  /** The first N test images are used for validation. */
  readonly testSize: number;
  readonly seed: number;
}

export interface BatchReport {
  readonly epoch: number;
  readonly step: number;
  readonly steps: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly examplesPerSec: number;
  /** Milliseconds between this step's result and the previous one's: the steady-state cost of a step. */
  readonly stepMs: number;
}

export interface Evaluation {
  readonly loss: number;
  readonly accuracy: number;
  /** The predicted class of each evaluated image, in order. */
  readonly predictions: Int32Array;
  /** The probability the model gave its prediction, per image. */
  readonly confidences: Float32Array;
}

export interface EpochLog {
  /** 1-based, counting on across Continue. */
  readonly epoch: number;
  readonly lastEpoch: number;
  readonly steps: number;
  readonly seconds: number;
  readonly msPerStep: number;
  readonly loss: number;
  readonly accuracy: number;
  readonly valLoss: number;
  readonly valAccuracy: number;
}

export interface TrainHooks {
  /** Milliseconds from a monotonic clock (performance.now in a browser). */
  now(): number;
  /** Checked after every batch: true ends training after the current batch. */
  shouldStop(): boolean;
  /**
   * Every download from the backend goes through here: it fails (a BackendLostError) when
   * the backend's GPU goes away meanwhile, since a lost WebGL context never answers at all.
   */
  guard<T>(download: Promise<T>): Promise<T>;
  /** Lets messages (Stop) reach the worker between batches. */
  yieldToEvents(): Promise<void>;
  onBatch(report: BatchReport): void;
  onEpoch(log: EpochLog, evaluation: Evaluation): Promise<void>;
}

export interface TrainOutcome {
  readonly stopped: boolean;
  /** The last epoch that was started (completed or not). */
  readonly lastEpoch: number;
  readonly evaluation: Evaluation | null;
}

interface Pending {
  readonly result: tf.Tensor1D;
  readonly size: number;
  readonly step: number;
}

/** Sparse categorical cross-entropy on softmax outputs, as Keras computes it (clipped at 1e-7). */
function crossEntropy(labels: tf.Tensor1D, probabilities: tf.Tensor2D): tf.Tensor1D {
  return tf.metrics.categoricalCrossentropy(tf.oneHot(labels, NUM_CLASSES), probabilities) as tf.Tensor1D;
}

function correctCount(labels: tf.Tensor1D, probabilities: tf.Tensor2D): tf.Scalar {
  return tf.equal(tf.argMax(probabilities, 1), labels).toFloat().sum();
}

/**
 * One optimiser step. Returns [loss, correct] packed in one tensor so the caller
 * can read both with a single download, whenever it chooses.
 */
export function trainStep(model: tf.LayersModel, optimizer: tf.Optimizer, images: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const held: { correct?: tf.Scalar } = {};
    const loss = optimizer.minimize(() => {
      const probabilities = model.apply(images, { training: true }) as tf.Tensor2D;
      held.correct = tf.keep(correctCount(labels, probabilities));
      return crossEntropy(labels, probabilities).mean();
    }, true);
    const { correct } = held;
    if (!loss || !correct) throw new Error('the optimiser returned no loss');
    const packed = tf.stack([loss, correct]) as tf.Tensor1D;
    // tf.keep lifted `correct` out of every scope, so it must be let go by hand.
    correct.dispose();
    return packed;
  });
}

const EVALUATION_BATCH = 1000;

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
  const predictions = new Int32Array(n);
  const confidences = new Float32Array(n);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = gatherBatch(split, order, start, batchSize, buffers);
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

/**
 * Trains `config.epochs` epochs numbered from `firstEpoch`. A non-finite loss or a
 * lost backend ends it with an error before the bad results reach onEpoch. Each step's [loss, correct]
 * is read one step late, so the backend always has the next step queued while the
 * previous result downloads, and at most two steps are ever in flight.
 */
export async function trainEpochs(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  data: MnistData,
  config: TrainConfig,
  firstEpoch: number,
  hooks: TrainHooks,
): Promise<TrainOutcome> {
  const trainCount = Math.min(config.trainSize, data.train.count);
  const steps = Math.ceil(trainCount / config.batchSize);
  const buffers = batchBuffers(config.batchSize);
  const lastEpoch = firstEpoch + config.epochs - 1;
  let evaluation: Evaluation | null = null;

  for (let epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
    const order = epochOrder(data.train.count, config.seed, epoch).filter((index) => index < trainCount);
    const started = hooks.now();
    let lossSum = 0;
    let correctSum = 0;
    let seen = 0;
    let pending: Pending | null = null;
    let stopped = false;
    let lastSettled = started;

    /**
     * A step costs the time between two consecutive results. On a synchronous backend
     * (CPU) a step computes while it is issued, before the previous result is read, so
     * its cost lands on the previous interval and the epoch's last interval is near zero.
     */
    const settle = async (entry: Pending): Promise<void> => {
      const [loss = 0, correct = 0] = await hooks.guard(entry.result.data());
      entry.result.dispose();
      if (!Number.isFinite(loss)) throw new NonFiniteError('loss', epoch, entry.step, loss);
      lossSum += loss * entry.size;
      correctSum += correct;
      seen += entry.size;
      const now = hooks.now();
      const elapsed = (now - started) / 1000;
      const stepMs = now - lastSettled;
      lastSettled = now;
      hooks.onBatch({
        epoch,
        step: entry.step,
        steps,
        loss,
        accuracy: correct / entry.size,
        examplesPerSec: elapsed > 0 ? seen / elapsed : 0,
        stepMs,
      });
    };

    for (let step = 1; step <= steps; step++) {
      const size = gatherBatch(data.train, order, (step - 1) * config.batchSize, config.batchSize, buffers);
      const result = tf.tidy(() => {
        const labels = tf.tensor1d(buffers.labels.subarray(0, size), 'int32');
        return trainStep(model, optimizer, imagesTensor(buffers.images, size), labels);
      });
      if (pending) await settle(pending);
      pending = { result, size, step };
      await hooks.yieldToEvents();
      if (hooks.shouldStop()) {
        stopped = true;
        break;
      }
    }
    if (pending) await settle(pending);
    if (stopped) return { stopped: true, lastEpoch: epoch, evaluation };

    const trainSeconds = (hooks.now() - started) / 1000;
    evaluation = await evaluate(model, data.test, config.testSize, EVALUATION_BATCH, (download) => hooks.guard(download));
    if (!Number.isFinite(evaluation.loss)) throw new NonFiniteError('loss', epoch, null, evaluation.loss);
    const log: EpochLog = {
      epoch,
      lastEpoch,
      steps,
      seconds: (hooks.now() - started) / 1000,
      msPerStep: (trainSeconds * 1000) / steps,
      loss: lossSum / seen,
      accuracy: correctSum / seen,
      valLoss: evaluation.loss,
      valAccuracy: evaluation.accuracy,
    };
    await hooks.onEpoch(log, evaluation);
    if (hooks.shouldStop()) return { stopped: epoch < lastEpoch, lastEpoch: epoch, evaluation };
  }
  return { stopped: false, lastEpoch, evaluation };
}
