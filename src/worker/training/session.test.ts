import { PLAIN_STEPS, useTrainingBackend } from '../../ml/training/testing';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../../scripts/lib/mnist-data';
import type { MnistData } from '../../ml/data/data';
import type { TrainConfig } from '../../ml/training/train';
import { Inference } from './inference';
import type { FromWorker, Snapshot } from '../protocol';
import { ModelSession, type GpuWatch } from './session';
import { Trainer } from './trainingRun';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { NOTEBOOK_OPTIMIZER } from '../../ml/training/optimizers';
import { digitsSplit } from '../../ml/data/trainingSet';

/** A GPU that never goes away: what CPU and wasm are. */
const steadyGpu: GpuWatch = {
  assert: () => undefined,
  guard: (download) => download,
  confirmLoss: () => Promise.resolve(null),
};

let data: MnistData;

beforeAll(async () => {
  await useTrainingBackend();
  data = await loadMnistFromIdx();
});

function setup() {
  const posted: FromWorker[] = [];
  const post = (message: FromWorker): void => {
    posted.push(message);
  };
  const session = new ModelSession(post, 1, steadyGpu);
  const inference = new Inference(post, steadyGpu);
  const trainer = new Trainer({ post, gpu: steadyGpu, inference, reportLost: () => Promise.resolve() });
  return { posted, session, inference, trainer };
}

/** tfjs-layers' leak-test pattern: run once to warm up, count, run again, count again. */
async function tensorsAfterRepeat(action: () => Promise<void>): Promise<{ before: number; after: number }> {
  await action();
  const before = tf.memory().numTensors;
  await action();
  return { before, after: tf.memory().numTensors };
}

/** Writes NaN into the output layer's kernel, as a diverging run would. */
function poison(model: tf.LayersModel): void {
  const layer = model.getLayer('dense_2');
  const [kernel, bias] = layer.getWeights();
  if (!kernel || !bias) throw new Error('dense_2 has no weights');
  const nan = tf.fill(kernel.shape, Number.NaN);
  layer.setWeights([nan, bias]);
  nan.dispose();
}

const smallRun: TrainConfig = {
  epochs: 1,
  batchSize: 64,
  trainSize: 512,
  testSize: 200,
  seed: 1,
  optimizer: 'adam',
  learningRate: 0.001,
  ...PLAIN_STEPS,
};

describe('ModelSession', () => {
  it('reset leaves the tensor count where it was, and starts the epochs again', async () => {
    const { session } = setup();
    const { before, after } = await tensorsAfterRepeat(() => session.reset(3));
    expect(after).toBe(before);
    expect(session.epochs).toBe(0);
    expect(session.trained).toBe(false);
  });

  it('restore brings back the snapshot’s weights and epochs, without leaking', async () => {
    const { session, trainer } = setup();
    await trainer.train(session, data, smallRun, 'run-1');
    const snapshot = session.lastGood;
    if (!snapshot) throw new Error('training kept no snapshot');
    const { before, after } = await tensorsAfterRepeat(() => session.restore(snapshot));
    expect(after).toBe(before);
    expect(session.epochs).toBe(1);
    const restored = await session.checkpoint();
    expect(restored.weights.map((weight) => Array.from(weight.values))).toEqual(
      snapshot.checkpoint.weights.map((weight) => Array.from(weight.values)),
    );
  });

  it('adopt takes in another model’s weights without leaking, and refuses NaN ones, changing nothing', async () => {
    const { session, posted } = setup();
    const other = new ModelSession(() => undefined, 7, steadyGpu);
    const weights = (await other.checkpoint()).weights;
    const record = {
      network: NOTEBOOK_NETWORK,
      seed: 7,
      trainingSeconds: 1,
      testAccuracy: 0.5,
      source: 'saved-1',
      runId: null,
      optimizer: NOTEBOOK_OPTIMIZER,
      myHoldOut: null,
    };
    const { before, after } = await tensorsAfterRepeat(() => session.adopt({ checkpoint: { epochs: 2, weights }, trained: true, record }));
    expect(after).toBe(before);
    expect(session.record).toEqual(record);
    expect(session.trained).toBe(true);
    expect(posted.filter((message) => message.type === 'snapshot')).toHaveLength(2);
    expect((await session.checkpoint()).weights.map((weight) => Array.from(weight.values))).toEqual(
      weights.map((weight) => Array.from(weight.values)),
    );

    const poisoned = weights.map((weight, i) =>
      i === 7 ? { ...weight, values: new Float32Array(weight.values.length).fill(Number.NaN) } : weight,
    );
    await expect(
      session.adopt({ checkpoint: { epochs: 3, weights: poisoned }, trained: true, record: { ...record, source: 'saved-2' } }),
    ).rejects.toThrow(/NaN or infinite/);
    expect(tf.memory().numTensors).toBe(after);
    expect(session.record.source).toBe('saved-1');
    expect(session.epochs).toBe(2);
  });

  it('keeps every trained snapshot beyond the worker, and forgets it on reset', async () => {
    const kept: (Snapshot | null)[] = [];
    const session = new ModelSession(
      () => undefined,
      1,
      steadyGpu,
      (snapshot) => {
        kept.push(snapshot);
        return Promise.resolve();
      },
    );
    const weights = (await session.checkpoint()).weights;
    await session.adopt({ checkpoint: { epochs: 4, weights }, trained: true, record: session.record });
    await session.reset(2);
    expect(kept.map((snapshot) => snapshot?.checkpoint.epochs ?? null)).toEqual([4, null]);
  });

  it('tells the page when its weights cannot be kept beyond the worker', async () => {
    const posted: FromWorker[] = [];
    const session = new ModelSession(
      (message) => posted.push(message),
      1,
      steadyGpu,
      () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
    );
    await session.adopt({ checkpoint: await session.checkpoint(1), trained: true, record: session.record });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const failure = posted.find((message) => message.type === 'storage-failed');
    expect(failure?.message).toMatch(
      /^Keeping the current weights for your next visit failed: the browser's storage for this site is full/,
    );
  });
});

describe('Trainer', () => {
  it('recovers from NaN weights: the last good epoch comes back, the page is told, and no tensor is left behind', async () => {
    const { session, trainer, posted } = setup();
    await trainer.train(session, data, smallRun, 'run-1');
    expect(posted.some((message) => message.type === 'training-ended')).toBe(true);
    const before = tf.memory().numTensors;
    const good = session.lastGood;

    poison(session.current);
    await trainer.train(session, data, smallRun, 'run-1');
    const failure = posted.find((message) => message.type === 'training-failed');
    expect(failure?.message).toMatch(/became NaN at epoch 2.*weights after epoch 1 were restored/);
    expect(session.epochs).toBe(1);
    expect(session.lastGood).toBe(good);
    // A restored model has a fresh optimiser, so it holds fewer tensors than one that has trained.
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
    await trainer.train(session, data, smallRun, 'run-1');
    expect(tf.memory().numTensors).toBe(before);
    expect(session.epochs).toBe(2);
  });

  it('knows how many epochs an interrupted run had left', async () => {
    const { session, trainer } = setup();
    await trainer.train(session, data, { ...smallRun, epochs: 3 }, 'run-1');
    expect(trainer.remainingEpochs(session, smallRun)).toBe(1);
    const snapshot = session.lastGood;
    if (!snapshot) throw new Error('no snapshot');
    await session.restore({ ...snapshot, checkpoint: { ...snapshot.checkpoint, epochs: 1 } });
    expect(trainer.remainingEpochs(session, { ...smallRun, epochs: 5 })).toBe(2);
  });

  it('trains with the optimiser asked for, starting it afresh only when it changes, and records the run', async () => {
    const { session, trainer } = setup();
    const sgd: TrainConfig = { ...smallRun, optimizer: 'sgd', learningRate: 0.01 };
    await trainer.train(session, data, sgd, 'run-a');
    expect(session.current.optimizer.getClassName()).toBe('SGD');
    expect(session.record.runId).toBe('run-a');
    const before = tf.memory().numTensors;
    await trainer.train(session, data, sgd, 'run-a');
    expect(tf.memory().numTensors).toBe(before);
    await trainer.train(session, data, { ...smallRun, optimizer: 'rmsprop', learningRate: 0.002 }, 'run-b');
    expect(session.current.optimizer.getClassName()).toBe('RMSProp');
    expect(session.current.optimizer.getConfig().learningRate).toBe(0.002);
    expect(session.record.runId).toBe('run-b');
  });

  it('records the optimiser the weights were trained with, which a restore keeps though it compiles a fresh notebook Adam', async () => {
    const { session, trainer } = setup();
    expect(session.record.optimizer).toEqual(NOTEBOOK_OPTIMIZER);
    await trainer.train(session, data, { ...smallRun, optimizer: 'sgd', learningRate: 0.01 }, 'run-a');
    expect(session.record.optimizer).toEqual({ optimizer: 'sgd', learningRate: 0.01 });
    const snapshot = session.lastGood;
    if (!snapshot) throw new Error('training kept no snapshot');
    expect(snapshot.record.optimizer).toEqual({ optimizer: 'sgd', learningRate: 0.01 });

    await session.restore(snapshot);
    expect(session.record.optimizer).toEqual({ optimizer: 'sgd', learningRate: 0.01 });
    expect(session.optimizerConfig).toEqual(NOTEBOOK_OPTIMIZER);
    // Training on with the optimiser the restored model is compiled with still changes the record.
    await trainer.train(session, data, smallRun, 'run-b');
    expect(session.record.optimizer).toEqual(NOTEBOOK_OPTIMIZER);

    await trainer.train(session, data, { ...smallRun, optimizer: 'rmsprop', learningRate: 0.002 }, 'run-c');
    await session.reset(2);
    expect(session.record.optimizer).toEqual(NOTEBOOK_OPTIMIZER);
  });

  it('records the smallest share of my digits held out while the weights trained with them, through a restore, until a reset', async () => {
    const { session, trainer } = setup();
    const digits = Array.from({ length: 4 }, (_, i) => ({ label: i, pixels: new Uint8Array(784).fill(40 * i) }));
    const mine = { train: digitsSplit(digits), use: { count: 4, repeat: 2, fingerprint: '00000000' }, heldOut: null };
    await trainer.train(session, data, smallRun, 'run-a');
    expect(session.record.myHoldOut).toBeNull();
    await trainer.train(session, data, { ...smallRun, myDigits: true, myRepeat: 2, myHoldOut: 0.3 }, 'run-b', mine);
    expect(session.record.myHoldOut).toBe(0.3);
    await trainer.train(session, data, { ...smallRun, myDigits: true, myRepeat: 2, myHoldOut: 0.1 }, 'run-c', mine);
    await trainer.train(session, data, { ...smallRun, myDigits: true, myRepeat: 2, myHoldOut: 0.5 }, 'run-d', mine);
    // Digits between 0.1 and 0.5 were trained on: only those under 0.1 may be scored as never seen.
    expect(session.record.myHoldOut).toBe(0.1);
    const snapshot = session.lastGood;
    if (!snapshot) throw new Error('training kept no snapshot');
    await session.restore(snapshot);
    expect(session.record.myHoldOut).toBe(0.1);
    await session.reset(2);
    expect(session.record.myHoldOut).toBeNull();
  });
});
