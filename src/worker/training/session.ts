import * as tf from '@tensorflow/tfjs';
import { allFinite, restoreCheckpoint, takeCheckpoint, type Checkpoint } from '../../ml/network/checkpoint';
import { NonFiniteError } from '../../ml/training/faults';
import { describeStorageFailure } from '../storage/modelStore';
import { compileCnn, weightedLayers } from '../../ml/network/build';
import { NOTEBOOK_NETWORK, type NetworkConfig } from '../../ml/network/network';
import { planOf, type NetworkPlan } from '../../ml/network/plan';
import { NOTEBOOK_OPTIMIZER, type OptimizerConfig } from '../../ml/training/optimizers';
import type { LayerWeights, Post, SessionRecord, Snapshot } from '../protocol';
import { freshModel, freshRecord, type GpuWatch } from './fresh';

export type { GpuWatch } from './fresh';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The model, its optimiser state, its epoch count and its last good weights: the
 * one place they live. Every change of model goes through here and is announced.
 */
export class ModelSession {
  private model: tf.LayersModel;
  private history: Mutable<SessionRecord>;
  /** The last weights known to be good, outside the backend: what a lost GPU or a NaN falls back to. */
  private snapshot: Snapshot | null = null;
  private epochsDone = 0;
  /** Weights that came trained from elsewhere (a saved or uploaded model), whatever their epoch count. */
  private adopted = false;
  /** While a run uses the model, nothing may replace it. */
  private inUse = false;
  /** How the current model is compiled (a fresh or restored one: the notebook's); the record keeps what trained its weights. */
  private optimizer: OptimizerConfig = NOTEBOOK_OPTIMIZER;
  private networkPlan: NetworkPlan;

  constructor(
    private readonly post: Post,
    seed: number,
    private readonly gpu: GpuWatch,
    /** Stores the last good weights beyond this worker's life (null: none worth keeping); the page is told if that fails. */
    private readonly keepCopy: (snapshot: Snapshot | null) => Promise<void> = () => Promise.resolve(),
    network: NetworkConfig = NOTEBOOK_NETWORK,
  ) {
    this.model = freshModel(seed, network);
    this.history = freshRecord(seed, network);
    this.networkPlan = planOf(network);
  }

  get current(): tf.LayersModel {
    return this.model;
  }

  get network(): NetworkConfig {
    return this.history.network;
  }

  /** The current network's plan: its layers' names and shapes. */
  get plan(): NetworkPlan {
    return this.networkPlan;
  }

  get trained(): boolean {
    return this.adopted || this.epochsDone > 0;
  }

  get epochs(): number {
    return this.epochsDone;
  }

  /** The optimiser the model is compiled with now (the next run's moments live in it). */
  get optimizerConfig(): OptimizerConfig {
    return this.optimizer;
  }

  get record(): SessionRecord {
    return { ...this.history };
  }

  get lastGood(): Snapshot | null {
    return this.snapshot;
  }

  get busy(): boolean {
    return this.inUse;
  }

  /** Marks the model as used by a training run (true) or free again (false). */
  hold(inUse: boolean): void {
    this.inUse = inUse;
  }

  /** Copies the current weights out of the backend, refusing NaN and infinity. */
  async checkpoint(epochs = this.epochsDone): Promise<Checkpoint> {
    // Guarded: values read back from a lost GPU are garbage, and must never become the fallback.
    const checkpoint = await this.gpu.guard(takeCheckpoint(this.model, epochs));
    // Some kernels (wasm's relu and max pool) swallow NaN, so a poisoned model can still report a finite loss.
    if (!allFinite(checkpoint)) throw new NonFiniteError('weights', epochs, null);
    return checkpoint;
  }

  /**
   * Keeps the weights in memory as the last good ones, and hands the page a copy, which outlives
   * this worker. Resolves once the copy for the next visit is stored (or its failure reported).
   */
  keep(checkpoint: Checkpoint): Promise<void> {
    this.snapshot = { checkpoint, trained: this.trained, record: { ...this.history } };
    this.post({ type: 'snapshot', snapshot: this.snapshot });
    return this.storeCopy(this.trained ? this.snapshot : null);
  }

  private storeCopy(snapshot: Snapshot | null): Promise<void> {
    return this.keepCopy(snapshot).catch((error: unknown) => {
      this.post({
        type: 'storage-failed',
        message: `${describeStorageFailure('Keeping the current weights for your next visit', error).message} The model in memory is unchanged.`,
      });
    });
  }

  /** An epoch of training finished with these (checked) weights. */
  epochFinished(checkpoint: Checkpoint, seconds: number): void {
    this.epochsDone = checkpoint.epochs;
    this.history.trainingSeconds += seconds;
    this.history.source = null;
    void this.keep(checkpoint);
  }

  /** A run ended after `lastEpoch` was started: a stopped epoch still counts. */
  runEnded(lastEpoch: number): void {
    this.epochsDone = Math.max(this.epochsDone, lastEpoch);
  }

  /** The weights are being changed by training, so they are no longer those of a saved model. */
  changed(): void {
    this.history.source = null;
  }

  evaluated(accuracy: number): void {
    this.history.testAccuracy = accuracy;
  }

  /** The weights now belong to this run, which trains with my digits held out at `myHoldOut` (null: without my digits). */
  setRun(runId: string, myHoldOut: number | null = null): void {
    this.history.runId = runId;
    if (myHoldOut !== null) this.history.myHoldOut = Math.min(this.history.myHoldOut ?? 1, myHoldOut);
  }

  /** Makes the model (and the record) train with this optimiser; a different one (kind or learning rate) starts without moments. */
  useOptimizer(config: OptimizerConfig): void {
    this.history.optimizer = { optimizer: config.optimizer, learningRate: config.learningRate };
    if (config.optimizer === this.optimizer.optimizer && config.learningRate === this.optimizer.learningRate) return;
    const old = this.model.optimizer;
    compileCnn(this.model, config);
    old.dispose();
    this.optimizer = this.history.optimizer;
  }

  /** Marks the weights in memory as those of a saved model (after a save or a load). */
  setSource(id: string | null): void {
    this.history.source = id;
  }

  /**
   * Rebuilds the model from a snapshot on whatever backend is active now, with a fresh
   * optimiser: after a lost GPU (the old tensors are unreadable), a NaN (the optimiser's
   * moments are poisoned too), or a restarted worker. The record, with the optimiser that trained the weights, is kept as is.
   */
  async restore(snapshot: Snapshot): Promise<void> {
    if (this.inUse) throw new Error('a model cannot be restored while training');
    const model = freshModel(snapshot.record.seed, snapshot.record.network);
    try {
      restoreCheckpoint(model, snapshot.checkpoint);
    } catch (error) {
      model.dispose();
      throw error;
    }
    this.replaceModel(model, snapshot.record.network);
    this.epochsDone = snapshot.checkpoint.epochs;
    this.adopted = snapshot.trained;
    this.history = { ...snapshot.record };
    this.snapshot = snapshot;
    await this.announce();
  }

  /**
   * Takes in weights from elsewhere (a saved or uploaded model), refusing NaN and
   * infinity, and keeps them as the last good ones. The model is always this app's
   * own network, built here: a file only ever supplies numbers.
   */
  async adopt(snapshot: Snapshot): Promise<void> {
    if (!allFinite(snapshot.checkpoint)) throw new Error('its weights contain NaN or infinite values');
    await this.restore(snapshot);
    // Awaited: once the page says a loaded model is in use, a reload must find these weights.
    await this.keep(snapshot.checkpoint);
  }

  /** Fresh weights and optimiser, of another network if told; the epoch count starts again. */
  async reset(seed: number, network: NetworkConfig = this.network): Promise<void> {
    if (this.inUse) return;
    this.replaceModel(freshModel(seed, network), network);
    this.epochsDone = 0;
    this.adopted = false;
    this.history = freshRecord(seed, network);
    // Fresh weights are not worth keeping: the next visit starts from the newest saved model again.
    void this.keep(await this.checkpoint(0));
    await this.announce();
  }

  /** Drops the old model; on a lost GPU its disposal may fail, which must not keep the new one out. */
  private replaceModel(model: tf.LayersModel, network: NetworkConfig): void {
    const old = this.model;
    this.model = model;
    this.networkPlan = planOf(network);
    this.optimizer = NOTEBOOK_OPTIMIZER;
    try {
      // The optimiser was passed in as an object, so the model does not own it: its moments go separately.
      old.optimizer.dispose();
      old.dispose();
    } catch {
      // Its memory went with the device.
    }
  }

  /** Tells the page about the model in memory: its layers, its epochs and its weights. */
  async announce(): Promise<void> {
    this.post({
      type: 'model',
      network: this.network,
      epochsDone: this.epochsDone,
      trained: this.trained,
      source: this.history.source,
      runId: this.history.runId,
    });
    await this.postWeights(this.epochsDone);
    this.postMemory();
  }

  /** Each weighted layer's kernel after `epoch`, for the histograms. */
  async postWeights(epoch: number): Promise<void> {
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

  postMemory(): void {
    this.post({ type: 'memory', numTensors: tf.memory().numTensors });
  }
}
