import * as tf from '@tensorflow/tfjs';
import { imagesTensor } from '../ml/batches';
import { imageAt, type MnistData } from '../ml/data';
import { buildCnn, compileCnn, summarizeModel, weightedLayers } from '../ml/model';
import { IMAGE_PIXELS, IMAGE_SIZE, SAMPLE_COUNT, SAMPLE_GRID } from '../ml/mnist';
import { evaluate, trainEpochs, type Evaluation, type TrainConfig } from '../ml/train';
import type { EvaluationResult, FromWorker, LayerWeights, Prediction } from './protocol';

/** The layers whose activations the drawing pad shows. */
const FEATURE_LAYERS = ['conv2d_1', 'conv2d_2'] as const;
import { createYield } from './yieldToEvents';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** Batch messages at most this often: enough for smooth charts, no flood of messages. */
const BATCH_MESSAGE_MS = 200;

/** The model, its optimiser state and its epoch count: everything a training run continues from. */
export class TrainingSession {
  private model: tf.LayersModel;
  private featureModel: tf.LayersModel | null = null;
  /** What the weights in memory are: where they came from and how they were trained, for saving. */
  private history = { seed: 0, trainingSeconds: 0, testAccuracy: null as number | null, source: null as string | null };
  private epochsDone = 0;
  /** Weights that came trained from elsewhere (a saved or uploaded model), whatever their epoch count. */
  private adopted = false;
  private stopRequested = false;
  private running = false;
  private readonly yieldToEvents = createYield();

  constructor(
    private readonly post: Post,
    seed: number,
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

  get record(): { seed: number; trainingSeconds: number; testAccuracy: number | null; source: string | null } {
    return { ...this.history };
  }

  /** Marks the weights in memory as those of a saved model (after a save or a load). */
  setSource(id: string | null): void {
    this.history.source = id;
  }

  /** Swaps in a loaded or uploaded model; the old one is disposed only once the new one is in place. */
  async adopt(
    model: tf.LayersModel,
    epochs: number,
    record: { seed: number; trainingSeconds: number; testAccuracy: number | null; source: string | null },
  ): Promise<void> {
    if (this.running) throw new Error('a model cannot be loaded while training');
    compileCnn(model);
    const old = this.model;
    this.model = model;
    this.featureModel = null;
    this.epochsDone = epochs;
    this.adopted = true;
    this.history = { ...record };
    old.dispose();
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
    this.model.dispose();
    this.featureModel = null;
    this.model = this.freshModel(seed);
    this.epochsDone = 0;
    this.adopted = false;
    this.history = { seed, trainingSeconds: 0, testAccuracy: null, source: null };
    await this.announce();
  }

  stop(): void {
    this.stopRequested = true;
  }

  /** One image through the current model; safe between training steps. */
  async predict(pixels: Float32Array): Promise<Prediction> {
    const outputs = tf.tidy(() => this.insideView().predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1])) as tf.Tensor[]);
    try {
      const [conv1, conv2, probabilities] = await Promise.all(outputs.map(async (tensor) => Float32Array.from(await tensor.data())));
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
    await this.postEvaluation(data, await evaluate(this.model, data.test, count));
    this.postMemory();
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
        onEpoch: async (log, evaluation) => {
          this.epochsDone = log.epoch;
          this.history.trainingSeconds += log.seconds;
          this.history.source = null;
          this.post({ type: 'epoch', log });
          await this.postEvaluation(data, evaluation);
          await this.postWeights(log.epoch);
          this.postMemory();
        },
      });
      // A stopped epoch still counts: Continue starts the next one, with the weights as they are.
      this.epochsDone = Math.max(this.epochsDone, outcome.lastEpoch);
      this.post({ type: 'train-end', state: outcome.stopped ? 'stopped' : 'done', epochsDone: this.epochsDone });
    } catch (error) {
      this.post({ type: 'train-error', message: `Training failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      this.running = false;
      this.postMemory();
    }
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
