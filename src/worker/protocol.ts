import type { BackendChoice, BackendName } from '../ml/backend';
import type { Checkpoint } from '../ml/checkpoint';
import type { DatasetFailure } from '../ml/data';
import type { LayerSummary } from '../ml/model';
import type { ModelMeta } from '../ml/persist';
import type { BatchReport, EpochLog, TrainConfig } from '../ml/train';

/**
 * Messages between the page and the ML worker: discriminated unions on `type`,
 * handled by exhaustive switches on both sides. Typed-array buffers are transferred.
 */
export type ToWorker =
  | { type: 'load-dataset'; manifestUrl: string }
  /**
   * Starts a backend (the requested one, else the fastest) and builds a fresh model, or
   * the one in `restore` (a worker restarted after a crash), else the newest saved one.
   */
  | { type: 'init'; backend: BackendName | null; seed: number; testSize: number; restore: Snapshot | null }
  /** After a lost GPU: moves the last good weights to another backend, then trains on with `resume` if given. */
  | { type: 'switch-backend'; backend: BackendName; resume: TrainConfig | null }
  /** For the fault tests (`?faults=1`): really loses the GPU, or poisons a weight with NaN as a diverging run would. */
  | { type: 'inject-fault'; fault: Fault }
  /** Trains config.epochs more epochs from the current weights. */
  | { type: 'train'; config: TrainConfig }
  /** Ends training after the current batch, keeping the weights. */
  | { type: 'stop' }
  /** Fresh weights and optimiser; the epoch count starts again. */
  | { type: 'reset'; seed: number }
  /** Class probabilities for one 28×28 image (784 values in [0, 1]). */
  | { type: 'predict'; id: number; pixels: Float32Array }
  /** Evaluates the current model on the first `testSize` test images. */
  | { type: 'evaluate'; testSize: number }
  /** Pixels of test images, for the gallery. */
  | { type: 'images'; id: number; indices: number[] }
  /** Saves the current model to IndexedDB under a name (null: a default one). */
  | { type: 'save-model'; name: string | null }
  | { type: 'load-model'; id: string }
  | { type: 'delete-model'; id: string }
  /** The current model as model.json text and weights.bin bytes. */
  | { type: 'export-model'; id: number }
  /** A model already checked by the page (checkModelFiles), to replace the current one. */
  | { type: 'import-model'; modelJson: string; weightData: ArrayBuffer; name: string }
  /** For the bench: a bare model.fit's step times, or the time to infer the whole test set. */
  | { type: 'measure'; id: number; what: Measurement; steps: number; batchSize: number };

export type Measurement = 'bare-fit' | 'infer-test';

export type Fault = 'lose-gpu' | 'nan-weights';

/** Where the weights in memory came from and how they were trained, for saving. */
export interface SessionRecord {
  readonly seed: number;
  readonly trainingSeconds: number;
  readonly testAccuracy: number | null;
  /** The saved model they were loaded from or saved as, if any. */
  readonly source: string | null;
}

/** The last good weights and what they are, copied out of the backend. */
export interface Snapshot {
  readonly checkpoint: Checkpoint;
  /** True for trained weights, including a loaded model whose epoch count is unknown. */
  readonly trained: boolean;
  readonly record: SessionRecord;
}

export type DatasetPhase = 'manifest' | 'download' | 'decode' | 'verify';

export interface SampleImages {
  /** Index of the first sample in the training split. */
  readonly first: number;
  /** 784 bytes per image, one after another. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

export interface DatasetSummary {
  readonly train: number;
  readonly test: number;
  /** Bytes of typed arrays the worker holds for the dataset. */
  readonly bytes: number;
  readonly samples: SampleImages;
  /** Time spent in each phase inside the worker, in milliseconds. */
  readonly timings: Readonly<Record<DatasetPhase, number>>;
}

export interface LayerWeights {
  readonly layer: string;
  readonly kernel: Float32Array;
}

export type TrainEnd = 'done' | 'stopped';

/** One drawing through the model: class probabilities and what the two convolutions saw. */
export interface Prediction {
  readonly probabilities: Float32Array;
  /** conv2d_1's activations, [26, 26, 8] row-major. */
  readonly conv1: Float32Array;
  /** conv2d_2's activations, [11, 11, 16] row-major. */
  readonly conv2: Float32Array;
}

/** Predictions of the current model on the test images, and on the sample grid. */
export interface EvaluationResult {
  readonly loss: number;
  readonly accuracy: number;
  /** True labels of the evaluated test images (the first N), in order. */
  readonly labels: Uint8Array;
  readonly predictions: Int32Array;
  readonly confidences: Float32Array;
  /** Predicted class of each sample-grid image (training images 5 to 40). */
  readonly samplePredictions: Int32Array;
}

export type FromWorker =
  /** The worker holds its life lock (named by its `name`), so the page can tell when it dies. */
  | { type: 'alive' }
  | { type: 'dataset-progress'; phase: DatasetPhase; fraction: number }
  | { type: 'dataset-ready'; summary: DatasetSummary }
  | { type: 'dataset-error'; failure: DatasetFailure; message: string }
  | { type: 'backend-ready'; backend: BackendChoice }
  | { type: 'backend-error'; message: string }
  | { type: 'model'; layers: LayerSummary[]; totalParams: number; epochsDone: number; trained: boolean }
  | { type: 'train-started'; firstEpoch: number; lastEpoch: number; steps: number }
  /** Throttled: the latest batch, plus every batch's loss and duration since the last message. */
  | { type: 'batch'; report: BatchReport; losses: number[]; stepMs: number[] }
  | { type: 'epoch'; log: EpochLog }
  /** Kernels of every weighted layer after `epoch` (0 = the initial weights). */
  | { type: 'weights'; epoch: number; layers: LayerWeights[] }
  | { type: 'train-end'; state: TrainEnd; epochsDone: number }
  | { type: 'evaluation'; result: EvaluationResult }
  | { type: 'train-error'; message: string }
  /** The GPU went away mid-run; `fallback` is the best backend left, to continue on. */
  | { type: 'backend-lost'; message: string; epochsDone: number; fallback: BackendName | null }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'memory'; numTensors: number }
  | { type: 'prediction'; id: number; prediction: Prediction }
  | { type: 'measured'; id: number; values: number[] }
  | { type: 'images'; id: number; pixels: Uint8Array }
  /** Saved models, newest first, and which one the weights in memory came from. */
  | { type: 'models'; models: ModelMeta[]; active: string | null }
  | { type: 'model-error'; message: string }
  | { type: 'exported'; id: number; modelJson: string; weightData: ArrayBuffer }
  | { type: 'request-failed'; id: number; message: string };
