import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../../scripts/lib/mnist-data';
import type { MnistData } from '../data/data';
import { imagesTensor } from '../data/batches';
import { digitsSplit } from '../data/trainingSet';
import type { MnistEvaluatedOn } from '../data/validation';
import { buildCnn, compileCnn } from '../network/build';
import { ANY_SPAN, PLAIN_STEPS, quietHooks, useTrainingBackend } from './testing';
import { evaluate } from './evaluate';
import { learningRateAt } from './schedule';
import { trainEpochs, type EpochLog, type TrainConfig } from './train';

let data: MnistData;

beforeAll(async () => {
  await useTrainingBackend();
  data = await loadMnistFromIdx();
});

function freshModel(seed = 1): tf.LayersModel {
  const model = buildCnn({ seed });
  compileCnn(model);
  return model;
}

const config: TrainConfig = {
  epochs: 1,
  batchSize: 128,
  trainSize: 2000,
  testSize: 1000,
  seed: 1,
  optimizer: 'adam',
  learningRate: 0.001,
  ...PLAIN_STEPS,
};

describe('trainEpochs', () => {
  it('learns: three epochs over 2,000 training images take it past 80 % on 1,000 test images', async () => {
    const model = freshModel();
    const logs: EpochLog[] = [];
    const outcome = await trainEpochs(
      model,
      model.optimizer,
      data,
      { ...config, epochs: 3, batchSize: 32 },
      1,
      ANY_SPAN,
      quietHooks({
        onEpoch: (log) => {
          logs.push(log);
          return Promise.resolve();
        },
      }),
    );
    expect(outcome.stopped).toBe(false);
    expect(logs.map((log) => [log.epoch, log.steps])).toEqual([
      [1, 63],
      [2, 63],
      [3, 63],
    ]);
    expect(logs[2]?.loss).toBeLessThan(logs[0]?.loss ?? 0);
    expect(outcome.evaluation?.accuracy).toBeGreaterThan(0.8);
    expect(outcome.evaluation?.predictions).toHaveLength(1000);
    model.dispose();
  });

  it('with a validation split, trains on the first images only and validates on the held-out rest, as Keras does', async () => {
    const model = freshModel();
    const seen: { steps: number; on: MnistEvaluatedOn; count: number; accuracy: number }[] = [];
    await trainEpochs(
      model,
      model.optimizer,
      data,
      { ...config, trainSize: 1000, testSize: 300, batchSize: 50, validation: 'split', validationSplit: 0.2 },
      1,
      ANY_SPAN,
      quietHooks({
        onEpoch: (log, evaluation, on) => {
          seen.push({ steps: log.steps, on, count: evaluation.predictions.length, accuracy: log.valAccuracy });
          return Promise.resolve();
        },
      }),
    );
    // 800 images in 16 batches of 50; the 200 after them (800–999) are scored, not the 300 test images.
    expect(seen.map(({ steps, on, count }) => ({ steps, on, count }))).toEqual([
      { steps: 16, on: { kind: 'validation', first: 800 }, count: 200 },
    ]);
    const predictions = tf.tidy(() =>
      (model.predict(imagesTensor(data.train.images.subarray(800 * 784, 1000 * 784), 200)) as tf.Tensor2D).argMax(1),
    );
    const labels = data.train.labels.subarray(800, 1000);
    const correct = Array.from(predictions.dataSync()).filter((p, i) => p === labels[i]).length;
    predictions.dispose();
    expect(seen[0]?.accuracy).toBeCloseTo(correct / 200, 10);
    model.dispose();
  });

  it('with my digits, trains on them repeated in every epoch, and learns them', async () => {
    const model = freshModel();
    // A hollow square labelled 7, drawn ten times a little apart: no MNIST image looks like it.
    const squares = Array.from({ length: 10 }, (_, i) => {
      const pixels = new Uint8Array(784);
      for (let k = 6; k < 22; k++)
        for (const [x, y] of [
          [k, 6 + (i % 3)],
          [k, 21],
          [6, k],
          [21 - (i % 2), k],
        ] as const)
          pixels[y * 28 + x] = 255;
      return { label: 7, pixels };
    });
    const steps: number[] = [];
    await trainEpochs(
      model,
      model.optimizer,
      data,
      { ...config, trainSize: 256, epochs: 2, testSize: 100, myDigits: true, myRepeat: 20 },
      1,
      ANY_SPAN,
      quietHooks({
        onEpoch: (log) => {
          steps.push(log.steps);
          return Promise.resolve();
        },
      }),
      digitsSplit(squares),
    );
    // 256 MNIST images and 10 × 20 of mine: 456 a epoch, 4 batches of 128.
    expect(steps).toEqual([4, 4]);
    const predicted = tf.tidy(() => (model.predict(imagesTensor(digitsSplit(squares).images, 10)) as tf.Tensor2D).argMax(1));
    expect(Array.from(predicted.dataSync())).toEqual(Array.from({ length: 10 }, () => 7));
    predicted.dispose();
    model.dispose();
  });

  it('holds no more tensors after epoch 3 than after epoch 1', async () => {
    const model = freshModel();
    const counts: number[] = [];
    await trainEpochs(
      model,
      model.optimizer,
      data,
      { ...config, trainSize: 512, testSize: 200, epochs: 3 },
      1,
      ANY_SPAN,
      quietHooks({
        onEpoch: () => {
          counts.push(tf.memory().numTensors);
          return Promise.resolve();
        },
      }),
    );
    expect(counts).toHaveLength(3);
    expect(counts[2]).toBe(counts[0]);
    model.dispose();
  });

  it('stops after the current batch when asked, keeping the weights trained so far', async () => {
    const model = freshModel();
    const before = model.getWeights()[0]?.dataSync().slice();
    let batches = 0;
    const outcome = await trainEpochs(
      model,
      model.optimizer,
      data,
      { ...config, epochs: 2 },
      4,
      ANY_SPAN,
      quietHooks({
        onBatch: () => {
          batches++;
        },
        shouldStop: () => batches >= 3,
      }),
    );
    expect(outcome).toMatchObject({ stopped: true, lastEpoch: 4 });
    expect(batches).toBeGreaterThanOrEqual(3);
    expect(batches).toBeLessThanOrEqual(4);
    expect(model.getWeights()[0]?.dataSync()).not.toEqual(before);
    model.dispose();
  });

  it('steps with the schedule’s rate at every batch, augmented images included', async () => {
    const model = freshModel();
    const scheduled: TrainConfig = {
      ...config,
      epochs: 2,
      batchSize: 64,
      trainSize: 640,
      schedule: 'one-cycle',
      learningRate: 0.005,
      zoom: 10,
    };
    const rates: number[] = [];
    await trainEpochs(
      model,
      model.optimizer,
      data,
      scheduled,
      3,
      { firstEpoch: 3, epochs: 2 },
      quietHooks({ onBatch: (report) => void rates.push(report.learningRate) }),
    );
    const expected = Array.from({ length: 20 }, (_, step) => learningRateAt(scheduled, step, 20, 10));
    expect(rates).toEqual(expected);
    expect(Math.max(...rates)).toBeCloseTo(0.005, 12);
    // The optimiser really stepped with them: it is left at the last one.
    expect(model.optimizer.getConfig().learningRate).toBe(expected[19]);

    // Resumed after a lost GPU, epoch 4 alone goes on where the two-epoch schedule was, not from a new warm-up.
    const resumed: number[] = [];
    await trainEpochs(
      model,
      model.optimizer,
      data,
      { ...scheduled, epochs: 1 },
      4,
      { firstEpoch: 3, epochs: 2 },
      quietHooks({ onBatch: (report) => void resumed.push(report.learningRate) }),
    );
    expect(resumed).toEqual(expected.slice(10));
    model.dispose();
  });

  it('is reproducible: the same seed gives the same first-epoch loss, bar dropout noise', async () => {
    const run = async (): Promise<number> => {
      const model = freshModel(3);
      let loss = 0;
      await trainEpochs(
        model,
        model.optimizer,
        data,
        { ...config, trainSize: 256, testSize: 100 },
        1,
        ANY_SPAN,
        quietHooks({
          onBatch: (report) => {
            if (report.step === 1) loss = report.loss;
          },
        }),
      );
      model.dispose();
      return loss;
    };
    // Step 1 runs on identical weights and an identical batch; only the dropout masks differ.
    const [a, b] = [await run(), await run()];
    expect(Math.abs(a - b)).toBeLessThan(0.15);
    expect(a).toBeGreaterThan(2);
  });
});

describe('evaluate', () => {
  it('scores an untrained model near chance and leaks nothing', async () => {
    const model = freshModel();
    await evaluate(model, data.test, 300, 128);
    const tensors = tf.memory().numTensors;
    const result = await evaluate(model, data.test, 300, 128);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.accuracy).toBeLessThan(0.35);
    expect(result.loss).toBeGreaterThan(1.5);
    model.dispose();
  });
});
