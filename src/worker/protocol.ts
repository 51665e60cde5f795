import type { BackendChoice, BackendName } from '../ml/backend';
import type { DatasetFailure } from '../ml/data';
import type { LayerSummary } from '../ml/model';
import type { BatchReport, EpochLog, TrainConfig } from '../ml/train';

/**
 * Messages between the page and the ML worker: discriminated unions on `type`,
 * handled by exhaustive switches on both sides. Typed-array buffers are transferred.
 */
export type ToWorker =
  | { type: 'load-dataset'; manifestUrl: string }
  /** Starts a backend (the requested one, else the fastest) and builds a fresh model. */
  | { type: 'init'; backend: BackendName | null; seed: number }
  /** Trains config.epochs more epochs from the current weights. */
  | { type: 'train'; config: TrainConfig }
  /** Ends training after the current batch, keeping the weights. */
  | { type: 'stop' }
  /** Fresh weights and optimiser; the epoch count starts again. */
  | { type: 'reset'; seed: number };

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

export type FromWorker =
  | { type: 'dataset-progress'; phase: DatasetPhase; fraction: number }
  | { type: 'dataset-ready'; summary: DatasetSummary }
  | { type: 'dataset-error'; failure: DatasetFailure; message: string }
  | { type: 'backend-ready'; backend: BackendChoice }
  | { type: 'backend-error'; message: string }
  | { type: 'model'; layers: LayerSummary[]; totalParams: number; epochsDone: number }
  | { type: 'train-started'; firstEpoch: number; lastEpoch: number; steps: number }
  /** Throttled: the latest batch, plus every batch's loss and duration since the last message. */
  | { type: 'batch'; report: BatchReport; losses: number[]; stepMs: number[] }
  | { type: 'epoch'; log: EpochLog }
  /** Kernels of every weighted layer after `epoch` (0 = the initial weights). */
  | { type: 'weights'; epoch: number; layers: LayerWeights[] }
  | { type: 'train-end'; state: TrainEnd; epochsDone: number; test: { loss: number; accuracy: number } | null }
  | { type: 'train-error'; message: string }
  | { type: 'memory'; numTensors: number };
