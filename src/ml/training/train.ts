import * as tf from '@tensorflow/tfjs';
import { augmentBatch, augments, type AugmentConfig } from '../data/augment';
import { batchBuffers, gatherBatch, imagesTensor } from '../data/batches';
import type { MnistData, MnistSplit } from '../data/data';
import type { NetworkConfig } from '../network/network';
import { EVALUATION_BATCH, correctCount, crossEntropy, evaluate, type Evaluation } from './evaluate';
import { NonFiniteError } from './faults';
import { isTunable } from './makeOptimizer';
import type { OptimizerConfig } from './optimizers';
import { EMPTY_SPLIT, runTrainingSet } from '../data/trainingSet';
import { learningRateAt, type ScheduleConfig } from './schedule';
import { runImages, type MnistEvaluatedOn, type ValidationConfig } from '../data/validation';
import type { MyDigitsConfig } from '../data/myDigits';

/** A run's settings: the network, the optimiser, its learning-rate schedule, the augmentation and the data. */
export interface TrainConfig extends OptimizerConfig, ScheduleConfig, AugmentConfig, ValidationConfig, MyDigitsConfig {
  /** The network trained: a different one starts from fresh weights. */
  readonly network: NetworkConfig;
  readonly epochs: number;
  readonly batchSize: number;
  /** The first N training images are used. */
  readonly trainSize: number;
  /** The first N test images are used for validation (unless a share of the training images is) and by Evaluate. */
  readonly testSize: number;
  readonly seed: number;
}

export interface BatchReport {
  readonly epoch: number;
  readonly step: number;
  readonly steps: number;
  readonly loss: number;
  readonly accuracy: number;
  /** The rate the optimiser stepped with. */
  readonly learningRate: number;
  readonly examplesPerSec: number;
  /** Milliseconds between this step's result and the previous one's: the steady-state cost of a step. */
  readonly stepMs: number;
}

/** The epochs a learning-rate schedule runs over: those of one click of Train, kept when a lost GPU's run resumes. */
export interface ScheduleSpan {
  readonly firstEpoch: number;
  readonly epochs: number;
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
  /** After each epoch, with its validation: on the test set or the held-out training images. */
  onEpoch(log: EpochLog, evaluation: Evaluation, on: MnistEvaluatedOn): Promise<void>;
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
  readonly learningRate: number;
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

/**
 * Trains `config.epochs` epochs numbered from `firstEpoch`, on the run's training images and, when
 * its settings add them, `mine` (my digits that are not held out). A non-finite loss or a
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
  span: ScheduleSpan,
  hooks: TrainHooks,
  mine: MnistSplit = EMPTY_SPLIT,
): Promise<TrainOutcome> {
  const images = runImages(data, config);
  const training = runTrainingSet(data, config, mine);
  const steps = Math.ceil(training.size / config.batchSize);
  const buffers = batchBuffers(config.batchSize);
  const lastEpoch = firstEpoch + config.epochs - 1;
  const augmenting = augments(config);
  let rate = Number.NaN;
  if (config.schedule !== 'constant' && !isTunable(optimizer)) throw new Error('this optimiser cannot follow a learning-rate schedule');
  let evaluation: Evaluation | null = null;

  for (let epoch = firstEpoch; epoch <= lastEpoch; epoch++) {
    const order = training.order(config.seed, epoch);
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
      let values: Float32Array | Int32Array | Uint8Array;
      try {
        values = await hooks.guard(entry.result.data());
      } finally {
        entry.result.dispose();
      }
      const [loss = 0, correct = 0] = values;
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
        learningRate: entry.learningRate,
        examplesPerSec: elapsed > 0 ? seen / elapsed : 0,
        stepMs,
      });
    };

    for (let step = 1; step <= steps; step++) {
      const start = (step - 1) * config.batchSize;
      const size = gatherBatch(training, order, start, config.batchSize, buffers);
      if (augmenting) augmentBatch(training, order, start, size, buffers.images, config, config.seed, epoch);
      const learningRate = learningRateAt(config, (epoch - span.firstEpoch) * steps + step - 1, span.epochs * steps, steps);
      // Only on a change: SGD makes a new scalar tensor each time.
      if (learningRate !== rate && isTunable(optimizer)) optimizer.setLearningRate(learningRate);
      rate = learningRate;
      const result = tf.tidy(() => {
        const labels = tf.tensor1d(buffers.labels.subarray(0, size), 'int32');
        return trainStep(model, optimizer, imagesTensor(buffers.images, size), labels);
      });
      if (pending) {
        // A failed step (NaN, a lost GPU) must not strand the one queued behind it.
        await settle(pending).catch((error: unknown) => {
          result.dispose();
          throw error;
        });
      }
      pending = { result, size, step, learningRate };
      await hooks.yieldToEvents();
      if (hooks.shouldStop()) {
        stopped = true;
        break;
      }
    }
    if (pending) await settle(pending);
    if (stopped) return { stopped: true, lastEpoch: epoch, evaluation };

    const trainSeconds = (hooks.now() - started) / 1000;
    evaluation = await evaluate(model, images.validation, images.validation.count, EVALUATION_BATCH, (download) => hooks.guard(download));
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
    await hooks.onEpoch(log, evaluation, images.on);
    if (hooks.shouldStop()) return { stopped: epoch < lastEpoch, lastEpoch: epoch, evaluation };
  }
  return { stopped: false, lastEpoch, evaluation };
}
