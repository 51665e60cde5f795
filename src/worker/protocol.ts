import type { DatasetFailure } from '../ml/data';

/**
 * Messages between the page and the ML worker: discriminated unions on `type`,
 * handled by exhaustive switches on both sides. Typed-array buffers are transferred.
 */
export type ToWorker = { type: 'load-dataset'; manifestUrl: string };

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

export type FromWorker =
  | { type: 'dataset-progress'; phase: DatasetPhase; fraction: number }
  | { type: 'dataset-ready'; summary: DatasetSummary }
  | { type: 'dataset-error'; failure: DatasetFailure; message: string };
