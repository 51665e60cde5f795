import { isOneOf } from '../choices';
import { isRecord } from '../json';

/**
 * The optimisers a recipe can name, and the notebook's: plain data, free of tfjs, so the page
 * (settings, run files) can check them without loading tfjs-layers.
 */
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export function isOptimizerName(value: string): value is OptimizerName {
  return isOneOf(OPTIMIZERS, value);
}

export interface OptimizerConfig {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
}

/** The notebook's recipe: Adam at 0.001. */
export const NOTEBOOK_OPTIMIZER: OptimizerConfig = { optimizer: 'adam', learningRate: 0.001 };

/**
 * A stored optimiser, checked: one this app trains with, at a finite positive learning rate. Anything
 * else (absent from copies stored before the optimiser was kept, or malformed) reads as the notebook's:
 * it only describes the weights, so it must never make them unreadable.
 */
export function readOptimizer(value: unknown): OptimizerConfig {
  if (!isRecord(value)) return NOTEBOOK_OPTIMIZER;
  const { optimizer, learningRate } = value;
  const known = typeof optimizer === 'string' && isOptimizerName(optimizer);
  const rated = typeof learningRate === 'number' && Number.isFinite(learningRate) && learningRate > 0;
  return known && rated ? { optimizer, learningRate } : NOTEBOOK_OPTIMIZER;
}
