import type { RaceReport } from '../ml/engines/race';
import type { KerasFormat } from '../ml/network/keras/formats';
import type { Fault, StepProfile } from './protocol';

/** What `npm run bench` calls in the page (harness build only). */
export interface BenchHooks {
  /** Round trips of one 28×28 image through the worker, in milliseconds. */
  predictMs(count: number): Promise<number[]>;
  /** Writes the current model as a Keras file in the worker and hands it to the page: the time, and the file's size. */
  kerasExport(format: KerasFormat): Promise<{ ms: number; bytes: number }>;
  /** Takes in a Keras file (base64), from the upload to the worker's answer; null if it was refused. */
  kerasImportMs(base64: string): Promise<number | null>;
  /** The model's probabilities for each image (784 values in [0, 1]), through the worker's predict, the drawing's own path. */
  predictImages(images: number[][]): Promise<number[][]>;
  bareFitMsPerStep(steps: number, batchSize: number): Promise<number[]>;
  /** The improved recipe's augmentation of each of `batches` batches, timed in the worker. */
  augmentMs(batches: number, batchSize: number): Promise<number[]>;
  inferTestMs(): Promise<number>;
  /** Every training step's duration since the last call. */
  stepTimes(): Promise<number[]>;
  /** Where a wasm step's time goes with `threads` XNNPACK threads (tf.profile by kernel). */
  profileStep(threads: number, steps: number): Promise<StepProfile>;
  /** The engine race the page used (measured now or cached), if any. */
  race(): RaceReport | null;
  /** The learning rate of every batch the page has seen (the curve the learning-rate chart draws). */
  learningRates(): number[];
}

/** What the end-to-end fault tests call in the page (harness build only). */
export interface FaultHooks {
  /** False when the fault had nothing to act on. */
  inject(fault: Fault): Promise<boolean>;
}

declare global {
  interface Window {
    mnistBench?: BenchHooks;
    mnistFaults?: FaultHooks;
  }
}
