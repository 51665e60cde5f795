import type * as tf from '@tensorflow/tfjs';
import { buildCnn, compileCnn } from '../../ml/network/build';
import type { NetworkConfig } from '../../ml/network/network';
import { NOTEBOOK_OPTIMIZER } from '../../ml/training/optimizers';
import type { SessionRecord } from '../protocol';

/* What a model session starts from, and what it needs of the GPU's watch: kept apart from the session itself. */

/** What the model's owner needs to know about the backend's GPU. */
export interface GpuWatch {
  /** Throws a BackendLostError once the GPU is gone. */
  assert(): void;
  /** A download from the backend, or a BackendLostError when the GPU goes away meanwhile. */
  guard<T>(download: Promise<T>): Promise<T>;
  /** After an error: why the GPU is gone, or null if it is still there. */
  confirmLoss(): Promise<string | null>;
}

/** What fresh weights are: trained by nothing, with the notebook's optimiser. */
export function freshRecord(seed: number, network: NetworkConfig): SessionRecord {
  return {
    network,
    seed,
    trainingSeconds: 0,
    testAccuracy: null,
    source: null,
    runId: null,
    optimizer: NOTEBOOK_OPTIMIZER,
    myHoldOut: null,
  };
}

/** A model of `network` with fresh weights (seeded), compiled with the notebook's optimiser. */
export function freshModel(seed: number, network: NetworkConfig): tf.LayersModel {
  const model = buildCnn({ seed, network });
  compileCnn(model);
  return model;
}
