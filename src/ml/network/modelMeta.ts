import { isRecord } from '../json';
import { readOptimizer, type OptimizerConfig } from '../training/optimizers';
import { readHoldOut } from '../data/myDigits';
import { NOTEBOOK_NETWORK, readNetwork, type NetworkConfig } from './network';

/* What the app records beside each saved model, and how saved models are listed and named. */

/** What the app records beside each saved model. */
export interface ModelMeta {
  readonly id: string;
  readonly name: string;
  /** ISO 8601. */
  readonly savedAt: string;
  readonly epochs: number;
  readonly testAccuracy: number | null;
  readonly backend: string;
  readonly seed: number;
  readonly trainingSeconds: number;
  /** The network the weights are of. */
  readonly network: NetworkConfig;
  /** The optimiser the weights were last trained with: what a Keras file of them is compiled with. */
  readonly optimizer: OptimizerConfig;
  /** The smallest share of my digits held out while the weights trained with them (null: never, or saved before it was kept). */
  readonly myHoldOut: number | null;
}

/**
 * A record as stored: one saved before networks could be edited does not say which it has (the
 * notebook's), nor one saved before the optimiser was recorded which trained it (read as the notebook's).
 */
export type StoredModelMeta = Omit<ModelMeta, 'network' | 'optimizer' | 'myHoldOut'> & {
  readonly network?: unknown;
  readonly optimizer?: unknown;
  readonly myHoldOut?: unknown;
};

/** A stored record, checked, with its network and optimiser; null if it is not one (a malformed optimiser alone reads as the notebook's). */
export function readModelMeta(value: unknown): ModelMeta | null {
  if (!isStoredMeta(value)) return null;
  const network = value.network === undefined ? NOTEBOOK_NETWORK : readNetwork(value.network);
  return network ? { ...value, network, optimizer: readOptimizer(value.optimizer), myHoldOut: readHoldOut(value.myHoldOut) } : null;
}

function isStoredMeta(value: unknown): value is StoredModelMeta {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.savedAt === 'string' &&
    typeof value.epochs === 'number' &&
    (value.testAccuracy === null || typeof value.testAccuracy === 'number') &&
    typeof value.backend === 'string' &&
    typeof value.seed === 'number' &&
    typeof value.trainingSeconds === 'number'
  );
}

/** Newest first. */
export function sortByDate(models: readonly ModelMeta[]): ModelMeta[] {
  return [...models].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** A name a person can tell apart, not yet in `existing`: "Model 3 · 98.27 % · 5 epochs". */
export function defaultName(existing: readonly string[], epochs: number, testAccuracy: number | null): string {
  // One more than the highest number in use, so a name is never given twice (the list is shared by every tab).
  const used = existing.map((name) => Number(/^Model (\d+)\b/.exec(name)?.[1] ?? 0));
  const index = Math.max(0, ...used) + 1;
  const accuracy = testAccuracy === null ? 'not evaluated' : `${(testAccuracy * 100).toFixed(2)} %`;
  return `Model ${index} · ${accuracy} · ${epochs} epoch${epochs === 1 ? '' : 's'}`;
}
