import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../../scripts/lib/mnist-data';
import { allFinite, restoreCheckpoint, takeCheckpoint } from '../network/checkpoint';
import type { MnistData } from '../data/data';
import { BackendLostError, NonFiniteError } from './faults';
import { installConv2dBackpropFilter } from '../kernels/conv2dBackpropFilter';
import { buildCnn, compileCnn } from '../network/build';
import { ANY_SPAN, PLAIN_STEPS, quietHooks } from './testing';
import { trainEpochs, type TrainConfig } from './train';

let data: MnistData;

beforeAll(async () => {
  await tf.setBackend('cpu');
  installConv2dBackpropFilter('cpu');
  data = await loadMnistFromIdx();
});

const config: TrainConfig = {
  epochs: 1,
  batchSize: 64,
  trainSize: 640,
  testSize: 100,
  seed: 3,
  optimizer: 'adam',
  learningRate: 0.001,
  ...PLAIN_STEPS,
};

describe('training faults', () => {
  it('a diverging optimiser ends training with NonFiniteError before any bad epoch is reported', async () => {
    const model = buildCnn({ seed: 3 });
    // Steps of 1e30 overflow the activations to infinity within a step or two: inf − inf is NaN.
    model.compile({ optimizer: tf.train.adam(1e30), loss: 'sparseCategoricalCrossentropy' });
    let epochs = 0;
    const run = trainEpochs(
      model,
      model.optimizer,
      data,
      config,
      1,
      ANY_SPAN,
      quietHooks({
        onEpoch: () => {
          epochs++;
          return Promise.resolve();
        },
      }),
    );
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NonFiniteError);
    expect((error as NonFiniteError).step).toBeLessThanOrEqual(3);
    expect(epochs).toBe(0);
    model.dispose();
  });

  it('a lost backend ends training at the next step, without an epoch report', async () => {
    const model = buildCnn({ seed: 3 });
    compileCnn(model);
    let steps = 0;
    let epochs = 0;
    const hooks = quietHooks({
      onBatch: () => {
        steps++;
      },
      onEpoch: () => {
        epochs++;
        return Promise.resolve();
      },
      guard: (download) => (steps >= 2 ? Promise.reject(new BackendLostError('the WebGL context was lost')) : download),
    });
    await expect(trainEpochs(model, model.optimizer, data, config, 1, ANY_SPAN, hooks)).rejects.toThrow(BackendLostError);
    expect([steps, epochs]).toEqual([2, 0]);
    model.dispose();
  });
});

describe('checkpoints', () => {
  it('carry a model’s exact weights into a fresh model, and notice NaN', async () => {
    const trained = buildCnn({ seed: 5 });
    const fresh = buildCnn({ seed: 6 });
    const checkpoint = await takeCheckpoint(trained, 2);
    expect(checkpoint.weights.map((weight) => weight.name)).toEqual(trained.weights.map((weight) => weight.originalName));
    expect(allFinite(checkpoint)).toBe(true);
    const before = tf.memory().numTensors;
    restoreCheckpoint(fresh, checkpoint);
    expect(tf.memory().numTensors).toBe(before);
    const restored = await takeCheckpoint(fresh, 2);
    expect(restored.weights.map((weight) => Array.from(weight.values))).toEqual(
      checkpoint.weights.map((weight) => Array.from(weight.values)),
    );
    checkpoint.weights[0]?.values.fill(Number.NaN, 0, 1);
    expect(allFinite(checkpoint)).toBe(false);
    trained.dispose();
    fresh.dispose();
  });
});
