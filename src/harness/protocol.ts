import type { ReplyOf } from '../worker/protocol';

/**
 * What the tests and the bench ask of the worker, over a port of their own that only
 * the harness build opens: the app's protocol knows nothing of these.
 */
export type Fault = 'lose-gpu' | 'nan-weights';

/** Where a wasm training step's time goes at one thread count: per kernel, and the whole step. */
export interface StepProfile {
  /** The XNNPACK threads it ran with. */
  readonly threads: number;
  /** Median wall time of a whole step (issued, computed and read back), in ms. */
  readonly stepMs: number;
  /** Mean ms per step in each kernel, as tf.profile times them (wall time on wasm). */
  readonly kernels: Record<string, number>;
}

export interface HarnessReplies {
  /** False when the fault has nothing to act on (no GPU to lose, no model). */
  'inject-fault': boolean;
  /** A bare `model.fit` on a fresh copy of the network: milliseconds between batch ends. */
  'bare-fit': number[];
  /** Milliseconds to infer the whole test set with the current model. */
  'infer-test': number;
  /** Every training step's duration since the last time they were asked for. */
  'step-times': number[];
  /** Milliseconds to augment each of `batches` batches of `batchSize` training images with the improved recipe. */
  'augment-ms': number[];
  /** Where a wasm step's time goes with `threads` XNNPACK threads. */
  'profile-step': StepProfile;
}

export type HarnessRequest =
  | { kind: 'inject-fault'; fault: Fault }
  | { kind: 'bare-fit'; steps: number; batchSize: number }
  | { kind: 'infer-test' }
  | { kind: 'step-times' }
  | { kind: 'augment-ms'; batches: number; batchSize: number }
  | { kind: 'profile-step'; threads: number; steps: number };

export interface HarnessAsk {
  readonly id: number;
  readonly request: HarnessRequest;
}

export type HarnessAnswer =
  { readonly id: number; readonly reply: ReplyOf<HarnessReplies> } | { readonly id: number; readonly error: string };
