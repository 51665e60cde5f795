import type { EvaluatedOn, TestSet } from '../ml/data/validation';
import type { BackendChoice, BackendName, WasmKernels } from '../ml/engines/backend';
import type { DatasetFailure } from '../ml/data/data';
import type { Checkpoint } from '../ml/network/checkpoint';
import type { DigitImage, MyDigit, MyDigitsUse } from '../ml/data/myDigits';
import type { KerasFormat } from '../ml/network/keras/formats';
import type { ModelMeta } from '../ml/network/modelMeta';
import type { NetworkConfig } from '../ml/network/network';
import type { OptimizerConfig } from '../ml/training/optimizers';
import type { BatchReport, EpochLog, TrainConfig } from '../ml/training/train';

/*
 * The one definition of what crosses between the page and the ML worker: every message and
 * every value a message carries. It imports no worker module (the worker's parts import it),
 * only the plain data types of src/ml, so the page's type check never reaches the worker.
 */

// The values messages carry.

/** The steps of loading the dataset, in order. */
export type DatasetPhase = 'manifest' | 'download' | 'decode' | 'verify';

export interface SampleImages {
  /** Index of the first sample in the training split. */
  readonly first: number;
  /** 784 bytes per image, one after another. */
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/** What the page learns of the loaded dataset: its size, the sample grid's images, and where the time went. */
export interface DatasetSummary {
  readonly train: number;
  readonly test: number;
  /** Bytes of typed arrays the worker holds for the dataset. */
  readonly bytes: number;
  readonly samples: SampleImages;
  /** Time spent in each phase inside the worker, in milliseconds. */
  readonly timings: Readonly<Record<DatasetPhase, number>>;
}

/** One drawing through the model: class probabilities and what each convolution saw. */
export interface Prediction {
  readonly probabilities: Float32Array;
  /** Every convolution's activations, in the network's order. */
  readonly features: readonly FeatureMaps[];
}

/** One convolution's activations for one image: [height, width, channels], row-major. */
export interface FeatureMaps {
  readonly layer: string;
  readonly shape: readonly [number, number, number];
  readonly values: Float32Array;
}

/** Predictions of the current model on the test images, and on the sample grid. */
export interface EvaluationResult {
  readonly loss: number;
  readonly accuracy: number;
  /** The images scored: the first N test images, a run's held-out training images, or my held-out digits. */
  readonly on: EvaluatedOn;
  /** True labels of the evaluated images, in order. */
  readonly labels: Uint8Array;
  readonly predictions: Int32Array;
  readonly confidences: Float32Array;
  /** Predicted class of each sample-grid image (training images 5 to 40). */
  readonly samplePredictions: Int32Array;
}

/** A model as the two files of tfjs' layers format. */
export interface ModelFiles {
  readonly modelJson: string;
  readonly weightData: ArrayBuffer;
}

/** An uploaded model: tfjs' two files (already checked by the page), or the bytes of a Keras file (checked in the worker, which has HDF5). */
export type ModelUpload =
  { readonly format: 'tfjs'; readonly files: ModelFiles } | { readonly format: 'keras'; readonly bytes: ArrayBuffer };

export type MyDigitsChange =
  | { readonly kind: 'add'; readonly digits: readonly DigitImage[] }
  /** One digit by its id, or all (null). */
  | { readonly kind: 'delete'; readonly id: string | null };

/** Where the weights in memory came from and how they were trained, for saving. */
export interface SessionRecord {
  /** The network the weights are of. */
  readonly network: NetworkConfig;
  readonly seed: number;
  readonly trainingSeconds: number;
  readonly testAccuracy: number | null;
  /** The saved model they were loaded from or saved as, if any. */
  readonly source: string | null;
  /** The run (the page's record of a training) that made them, if any. */
  readonly runId: string | null;
  /** The optimiser the weights were last trained with (kind and base learning rate): what a Keras file is compiled with. */
  readonly optimizer: OptimizerConfig;
  /** The smallest share of my digits held out while they trained with them (null: they never did): above it, a "held-out" digit may have been trained on. */
  readonly myHoldOut: number | null;
}

/** The last good weights and what they are, copied out of the backend. */
export interface Snapshot {
  readonly checkpoint: Checkpoint;
  /** True for trained weights, including a loaded model whose epoch count is unknown. */
  readonly trained: boolean;
  readonly record: SessionRecord;
}

/** One layer's kernel, for the weight histograms. */
export interface LayerWeights {
  readonly layer: string;
  readonly kernel: Float32Array;
}

export type TrainEnd = 'done' | 'stopped';

/**
 * The messages between the page and the ML worker. Commands say what to do and are
 * answered, if at all, by the worker's announcements of what happened. Requests expect
 * exactly one reply, matched by id and typed by `Replies`. Both sides switch over these
 * unions exhaustively (ending in assertNever); typed-array buffers are transferred.
 */

/** What each request gets back. */
export interface Replies {
  /** Class probabilities and the two convolutions' activations for one drawing. */
  predict: Prediction;
  /** 784 bytes per requested test image, for the gallery. */
  images: Uint8Array;
  /** The current model as model.json text and weights.bin bytes. */
  'export-model': ModelFiles;
  /** The current model as a .keras or .h5 file. */
  'export-keras': Uint8Array<ArrayBuffer>;
}

export type Request =
  /** 784 pixel values in [0, 1]. */
  | { kind: 'predict'; pixels: Float32Array }
  /** Images of an evaluation, by their index in it. */
  | { kind: 'images'; on: EvaluatedOn; indices: readonly number[] }
  | { kind: 'export-model' }
  | { kind: 'export-keras'; format: KerasFormat };

export type RequestKind = keyof Replies;

/** For a map from request kind to reply type: a reply of kind K, or (with the default) of any kind. */
export type ReplyOf<R, K extends keyof R = keyof R> = { [P in K]: { kind: P; value: R[P] } }[K];

export type Reply = ReplyOf<Replies>;

export type ToWorker =
  | { type: 'load-dataset'; manifestUrl: string }
  /**
   * Starts a backend (the requested one, else the fastest) and builds a fresh model, or
   * the one in `restore` (a worker restarted after a crash), else the newest saved one.
   */
  | {
      type: 'start';
      backend: BackendName | null;
      seed: number;
      /** The network of a fresh model (the settings'). */
      network: NetworkConfig;
      testSize: number;
      restore: Snapshot | null;
      threads: number | null;
      kernels: WasmKernels;
      /** The page's tab (kept across its reloads): the slot of its last good weights. */
      tab: string;
    }
  /** Races the engines again ("Measure again"), then goes back to `backend` (null: the winner). */
  | { type: 'measure-engines'; backend: BackendName | null }
  /**
   * After a lost GPU: moves the last good weights to `backend`, then trains on there
   * for the epochs the interrupted run had left (the worker knows how many).
   */
  | { type: 'continue-on'; backend: BackendName; config: TrainConfig; runId: string }
  /** Trains config.epochs more epochs from the current weights, as part of the page's run `runId`. */
  | { type: 'train'; config: TrainConfig; runId: string }
  /** Moves the current weights to another backend (the person chose one), with a fresh optimiser. */
  | { type: 'use-backend'; backend: BackendName | null }
  /** Ends training after the current batch, keeping the weights. */
  | { type: 'stop' }
  /** Fresh weights and optimiser, of `network`; the epoch count starts again. */
  | { type: 'reset'; seed: number; network: NetworkConfig }
  /** Evaluates the current model on the first `testSize` test images, or on my digits held out at the share `holdOut`. */
  | { type: 'evaluate'; testSet: TestSet; testSize: number; holdOut: number }
  /** Saves the current model to IndexedDB under a name (null: a default one). */
  | { type: 'save-model'; name: string | null }
  | { type: 'load-model'; id: string }
  | { type: 'delete-model'; id: string }
  /** An uploaded model, to replace the current one once the worker has checked it. */
  | { type: 'import-model'; upload: ModelUpload; name: string }
  /** A change to my digits (none: list them again); answered by `my-digits` or `my-digits-failed`. */
  | { type: 'my-digits'; change: MyDigitsChange | null }
  | { type: 'request'; id: number; request: Request };

export type FromWorker =
  /** The worker holds its life lock (named by its `name`), so the page can tell when it dies. */
  | { type: 'alive' }
  | { type: 'dataset-progress'; phase: DatasetPhase; fraction: number }
  | { type: 'dataset-ready'; summary: DatasetSummary }
  | { type: 'dataset-failed'; failure: DatasetFailure; message: string }
  /** The engines are being raced on this device: training waits for the winner. */
  | { type: 'engines-measuring' }
  | { type: 'backend-ready'; backend: BackendChoice }
  | { type: 'backend-failed'; message: string }
  /** The GPU went away mid-run; `fallback` is the best backend left, to continue on. */
  | { type: 'backend-lost'; message: string; epochsDone: number; fallback: BackendName | null }
  /** A new, reset, restored or loaded model. */
  | {
      type: 'model';
      /** The page plans it for the summary (planNetwork), as the worker did to build it. */
      network: NetworkConfig;
      epochsDone: number;
      trained: boolean;
      source: string | null;
      runId: string | null;
    }
  /** Something the person should know that is not a failure (the last visit's weights are back, say). */
  | { type: 'notice'; message: string }
  /** Kernels of every weighted layer after `epoch` (0 = the initial weights). */
  | { type: 'weights'; epoch: number; layers: LayerWeights[] }
  /** The last good weights, for the page to keep: they outlive this worker. */
  | { type: 'snapshot'; snapshot: Snapshot }
  /** The answer to train and continue-on: what is being trained, as part of which run. */
  | {
      type: 'training-started';
      firstEpoch: number;
      lastEpoch: number;
      steps: number;
      config: TrainConfig;
      runId: string;
      /** My digits this click trains with (null: none). */
      myDigits: MyDigitsUse | null;
    }
  /** Throttled: the latest batch, plus the loss and learning rate of every batch since the last message, and their time together. */
  | { type: 'training-batch'; report: BatchReport; losses: number[]; rates: number[]; stepsMs: number }
  | { type: 'training-epoch'; log: EpochLog }
  | { type: 'training-ended'; state: TrainEnd; epochsDone: number }
  | { type: 'training-failed'; message: string }
  | { type: 'evaluation'; result: EvaluationResult }
  | { type: 'evaluation-failed'; message: string }
  /** Saved models, newest first, and which one the weights in memory came from; `listed` false: they could not be read. */
  | { type: 'models'; models: ModelMeta[]; active: string | null; listed: boolean }
  | { type: 'storage-failed'; message: string }
  | { type: 'memory'; numTensors: number }
  /** My digits, oldest first (`listed` false: they could not be read), and how many the last change added. */
  | { type: 'my-digits'; digits: MyDigit[]; listed: boolean; added: number }
  | { type: 'my-digits-failed'; message: string }
  | { type: 'reply'; id: number; reply: Reply }
  | { type: 'request-failed'; id: number; message: string };

/** How the worker's parts speak to the page. */
export type Post = (message: FromWorker, transfer?: Transferable[]) => void;
