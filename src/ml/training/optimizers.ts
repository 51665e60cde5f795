import { isOneOf } from '../choices';

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
