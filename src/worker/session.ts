import * as tf from '@tensorflow/tfjs';
import { imagesTensor } from '../ml/batches';
import { allFinite, restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../ml/checkpoint';
import { imageAt, type MnistData } from '../ml/data';
import { BackendLostError, NonFiniteError } from '../ml/faults';
import { buildCnn, compileCnn, summarizeModel, weightedLayers } from '../ml/model';
import { IMAGE_PIXELS, IMAGE_SIZE, SAMPLE_COUNT, SAMPLE_GRID } from '../ml/mnist';
import { evaluate, trainEpochs, type Evaluation, type TrainConfig } from '../ml/train';
import type { EvaluationResult, FromWorker, LayerWeights, Prediction, SessionRecord, Snapshot } from './protocol';
import { createYield } from './yieldToEvents';

/** The layers whose activations the drawing pad shows. */
const FEATURE_LAYERS = ['conv2d_1', 'conv2d_2'] as const;

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** What the session needs to know about the backend's GPU. */
export interface GpuWatch {
  /** Throws a BackendLostError once the GPU is gone. */
  assert(): void;
  /** A download from the backend, or a BackendLostError when the GPU goes away meanwhile. */
  guard<T>(download: Promise<T>): Promise<T>;
  /** After an error: why the GPU is gone, or null if it is still there. */
  confirmLoss(): Promise<string | null>;
  /** Tells the page, offering the best backend left. */
  reportLost(message: string, epochsDone: number): Promise<void>;
}

/** Batch messages at most this often: enough for smooth charts, no flood of messages. */
const BATCH_MESSAGE_MS = 200;

/** The model, its optimiser state and its epoch count: everything a training run continues from. */
export class TrainingSession {
  private model: tf.LayersModel;
  private featureModel: tf.LayersModel | null = null;
  /** What the weights in memory are: where they came from and how they were trained, for saving. */
  private history: { -readonly [K in keyof SessionRecord]: SessionRecord[K] } = {
    seed: 0,
    trainingSeconds: 0,
    testAccuracy: null,
    source: null,
  };
  /** The last weights known to be good, outside the backend: what a lost GPU or a NaN falls back to. */
  private snapshot: Snapshot | null = null;
  private epochsDone = 0;
  /** Weights that came trained from elsewhere (a saved or uploaded model), whatever their epoch count. */
  private adopted = false;
  private stopRequested = false;
  private running = false;
  private readonly yieldToEvents = createYield();

  constructor(
    private readonly post: Post,
    seed: number,
    private readonly gpu: GpuWatch,
  ) {
    this.model = this.freshModel(seed);
    this.history.seed = seed;
  }

  get current(): tf.LayersModel {
    return this.model;
  }

  get trained(): boolean {
    return this.adopted || this.epochsDone > 0;
  }

  get epochs(): number {
    return this.epochsDone;
  }

  get record(): SessionRecord {
    return { ...this.history };
  }

  get lastGood(): Snapshot | null {
    return this.snapshot;
  }

  /** Copies a model's weights out of the backend, refusing NaN and infinity. */
  private async checkpointOf(model: tf.LayersModel, epochs: number): Promise<Checkpoint> {
    // Guarded: values read back from a lost GPU are garbage, and must never become the fallback.
    const checkpoint = await this.gpu.guard(takeCheckpoint(model, epochs));
    // Some kernels (wasm's relu and max pool) swallow NaN, so a poisoned model can still report a finite loss.
    if (!allFinite(checkpoint)) throw new NonFiniteError('weights', epochs, null);
    return checkpoint;
  }

  /** Keeps the weights in memory as the last good ones, and hands the page a copy, which outlives this worker. */
  private keep(checkpoint: Checkpoint): void {
    this.snapshot = { checkpoint, trained: this.trained, record: { ...this.history } };
    this.post({ type: 'snapshot', snapshot: this.snapshot });
  }

  /**
   * Rebuilds the model from a snapshot on whatever backend is active now, with a fresh
   * optimiser: after a lost GPU (the old tensors are unreadable), a NaN (the optimiser's
   * moments are poisoned too), or a restarted worker.
   */
  async restore(snapshot: Snapshot): Promise<void> {
    if (this.running) throw new Error('a model cannot be restored while training');
    const model = this.freshModel(this.history.seed);
    try {
      restoreCheckpoint(model, snapshot.checkpoint);
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.replaceModel(model);
    this.epochsDone = snapshot.checkpoint.epochs;
    this.adopted = snapshot.trained;
    this.history = { ...snapshot.record };
    this.snapshot = snapshot;
    await this.announce();
  }

  /** Drops the old model; on a lost GPU its disposal may fail, which must not keep the new one out. */
  private replaceModel(model: tf.LayersModel): void {
    const old = this.model;
    this.model = model;
    this.featureModel = null;
    try {
      // The optimiser was passed in as an object, so the model does not own it: its moments go separately.
      old.optimizer.dispose();
      old.dispose();
    } catch {
      // Its memory went with the device.
    }
  }

  /** Marks the weights in memory as those of a saved model (after a save or a load). */
  setSource(id: string | null): void {
    this.history.source = id;
  }

  /** Swaps in a loaded or uploaded model; the old one is disposed only once the new one is in place. */
  async adopt(model: tf.LayersModel, epochs: number, record: SessionRecord): Promise<void> {
    if (this.running) throw new Error('a model cannot be loaded while training');
    let checkpoint: Checkpoint;
    try {
      checkpoint = await this.checkpointOf(model, epochs);
    } catch (error) {
      model.dispose();
      throw error instanceof NonFiniteError ? new Error('its weights contain NaN or infinite values') : error;
    }
    compileCnn(model);
    this.replaceModel(model);
    this.epochsDone = epochs;
    this.adopted = true;
    this.history = { ...record };
    this.keep(checkpoint);
    await this.announce();
  }

  get isTraining(): boolean {
    return this.running;
  }

  private freshModel(seed: number): tf.LayersModel {
    const model = buildCnn({ seed });
    compileCnn(model);
    return model;
  }

  async announce(): Promise<void> {
    this.post({
      type: 'model',
      layers: summarizeModel(this.model),
      totalParams: this.model.countParams(),
      epochsDone: this.epochsDone,
      trained: this.trained,
    });
    await this.postWeights(this.epochsDone);
    this.postMemory();
  }

  async reset(seed: number): Promise<void> {
    if (this.running) return;
    this.replaceModel(this.freshModel(seed));
    this.epochsDone = 0;
    this.adopted = false;
    this.history = { seed, trainingSeconds: 0, testAccuracy: null, source: null };
    this.keep(await this.checkpointOf(this.model, 0));
    await this.announce();
  }

  stop(): void {
    this.stopRequested = true;
  }

  /** One image through the current model; safe between training steps. */
  async predict(pixels: Float32Array): Promise<Prediction> {
    this.gpu.assert();
    const outputs = tf.tidy(() => this.insideView().predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1])) as tf.Tensor[]);
    try {
      const [conv1, conv2, probabilities] = await this.gpu.guard(
        Promise.all(outputs.map(async (tensor) => Float32Array.from(await tensor.data()))),
      );
      if (!conv1 || !conv2 || !probabilities) throw new Error('the model gave fewer outputs than expected');
      return { probabilities, conv1, conv2 };
    } finally {
      tf.dispose(outputs);
    }
  }

  /**
   * The same layers, with the two convolutions' activations as extra outputs. It
   * shares the model's weights, so it is never disposed itself, only dropped with the model.
   */
  private insideView(): tf.LayersModel {
    this.featureModel ??= tf.model({
      inputs: this.model.inputs,
      outputs: [
        this.model.getLayer(FEATURE_LAYERS[0]).output as tf.SymbolicTensor,
        this.model.getLayer(FEATURE_LAYERS[1]).output as tf.SymbolicTensor,
        ...this.model.outputs,
      ],
    });
    return this.featureModel;
  }

  /** Evaluates the current weights on the first `count` test images and posts the result. */
  async evaluateAndPost(data: MnistData, count: number): Promise<void> {
    this.gpu.assert();
    await this.gpu.guard(
      (async () => {
        await this.postEvaluation(data, await evaluate(this.model, data.test, count));
        this.postMemory();
      })(),
    );
  }

  private async postEvaluation(data: MnistData, evaluation: Evaluation): Promise<void> {
    this.history.testAccuracy = evaluation.accuracy;
    const samples = new Uint8Array(SAMPLE_COUNT * IMAGE_PIXELS);
    for (let i = 0; i < SAMPLE_COUNT; i++) samples.set(imageAt(data.train, SAMPLE_GRID.first + i), i * IMAGE_PIXELS);
    const predicted = tf.tidy(() => tf.argMax(this.model.predict(imagesTensor(samples, SAMPLE_COUNT)) as tf.Tensor2D, 1));
    const samplePredictions = Int32Array.from(await predicted.data());
    predicted.dispose();
    const result: EvaluationResult = {
      loss: evaluation.loss,
      accuracy: evaluation.accuracy,
      labels: data.test.labels.slice(0, evaluation.predictions.length),
      predictions: evaluation.predictions,
      confidences: evaluation.confidences,
      samplePredictions,
    };
    this.post({ type: 'evaluation', result }, [
      result.labels.buffer,
      result.predictions.buffer,
      result.confidences.buffer,
      samplePredictions.buffer,
    ]);
  }

  /** Milliseconds to evaluate the first `count` test images, as after every epoch. */
  async timeEvaluation(data: MnistData, count: number): Promise<number> {
    const started = performance.now();
    await evaluate(this.model, data.test, count);
    return performance.now() - started;
  }

  async train(data: MnistData, config: TrainConfig): Promise<void> {
    if (this.running) return;
    if (!this.snapshot) {
      try {
        this.keep(await this.checkpointOf(this.model, this.epochsDone));
      } catch (error) {
        this.post({ type: 'train-error', message: `Training cannot start: ${error instanceof Error ? error.message : String(error)}.` });
        return;
      }
    }
    this.running = true;
    this.stopRequested = false;
    this.history.source = null;
    const firstEpoch = this.epochsDone + 1;
    const steps = Math.ceil(Math.min(config.trainSize, data.train.count) / config.batchSize);
    this.post({ type: 'train-started', firstEpoch, lastEpoch: firstEpoch + config.epochs - 1, steps });
    let losses: number[] = [];
    let stepMs: number[] = [];
    let lastMessage = -Infinity;
    try {
      const outcome = await trainEpochs(this.model, this.model.optimizer, data, config, firstEpoch, {
        now: () => performance.now(),
        shouldStop: () => this.stopRequested,
        guard: (download) => this.gpu.guard(download),
        yieldToEvents: this.yieldToEvents,
        onBatch: (report) => {
          losses.push(report.loss);
          stepMs.push(report.stepMs);
          const now = performance.now();
          if (now - lastMessage < BATCH_MESSAGE_MS && report.step < report.steps) return;
          lastMessage = now;
          this.post({ type: 'batch', report, losses, stepMs });
          losses = [];
          stepMs = [];
        },
        // Guarded as a whole: any of its downloads would hang forever on a lost WebGL context.
        onEpoch: (log, evaluation) =>
          this.gpu.guard(
            (async () => {
              const checkpoint = await this.checkpointOf(this.model, log.epoch);
              this.epochsDone = log.epoch;
              this.history.trainingSeconds += log.seconds;
              this.history.source = null;
              this.keep(checkpoint);
              this.post({ type: 'epoch', log });
              await this.postEvaluation(data, evaluation);
              await this.postWeights(log.epoch);
              this.postMemory();
            })(),
          ),
      });
      // A stopped epoch still counts: Continue starts the next one, with the weights as they are.
      this.epochsDone = Math.max(this.epochsDone, outcome.lastEpoch);
      this.post({ type: 'train-end', state: outcome.stopped ? 'stopped' : 'done', epochsDone: this.epochsDone });
    } catch (error) {
      this.running = false;
      await this.recover(error);
    } finally {
      this.running = false;
      this.postMemory();
    }
  }

  /** After a failed run: never keep weights that may be garbage. */
  private async recover(error: unknown): Promise<void> {
    const lost = error instanceof BackendLostError ? error.reason : await this.gpu.confirmLoss();
    const snapshot = this.snapshot;
    const kept = snapshot ? `the weights after epoch ${snapshot.checkpoint.epochs} are kept` : 'no earlier weights were kept';
    if (lost) {
      // Nothing more can run on this backend; the worker moves the snapshot to another one.
      await this.gpu.reportLost(`Training stopped: ${lost}. ${capitalize(kept)}.`, snapshot?.checkpoint.epochs ?? 0);
      return;
    }
    if (error instanceof NonFiniteError && snapshot) {
      await this.restore(snapshot);
      this.post({
        type: 'train-error',
        message: `Training stopped: ${error.message}. The weights after epoch ${snapshot.checkpoint.epochs} were restored, with a fresh optimiser.`,
      });
      return;
    }
    this.post({ type: 'train-error', message: `Training failed: ${error instanceof Error ? error.message : String(error)}` });
  }

  private async postWeights(epoch: number): Promise<void> {
    const layers: LayerWeights[] = [];
    for (const layer of weightedLayers(this.model)) {
      const kernel = layer.getWeights()[0];
      // A copy: the CPU backend hands out its own storage, which must not be transferred away.
      if (kernel) layers.push({ layer: layer.name, kernel: Float32Array.from(await kernel.data()) });
    }
    this.post(
      { type: 'weights', epoch, layers },
      layers.map((entry) => entry.kernel.buffer),
    );
  }

  private postMemory(): void {
    this.post({ type: 'memory', numTensors: tf.memory().numTensors });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
