import { isOneOf } from '../choices';
import { isRecord } from '../json';

/*
 * The networks this app trains: a list of layers like the notebook's `model.add(...)` lines,
 * always followed by Dense(10, softmax). Plain data, free of tfjs, so the page can show,
 * check and store a network without building it.
 */

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

export const POOL_SIZES = [2, 3] as const;
export type PoolSize = (typeof POOL_SIZES)[number];

export type LayerConfig =
  | {
      readonly kind: 'conv2d';
      readonly filters: number;
      readonly kernel: number;
      readonly padding: Padding;
      readonly activation: Activation;
    }
  | { readonly kind: 'maxPooling2d'; readonly size: PoolSize }
  | { readonly kind: 'batchNormalization' }
  | { readonly kind: 'dropout'; readonly rate: number }
  | { readonly kind: 'flatten' }
  | { readonly kind: 'dense'; readonly units: number; readonly activation: Activation };

export type LayerKind = LayerConfig['kind'];

export const LAYER_KINDS = [
  'conv2d',
  'maxPooling2d',
  'batchNormalization',
  'dropout',
  'flatten',
  'dense',
] as const satisfies readonly LayerKind[];

/** The layers before the output layer, which is always Dense(10, softmax) and not listed. */
export interface NetworkConfig {
  readonly layers: readonly LayerConfig[];
}

/** What each field may hold: the bounds of the family. */
export const NETWORK_BOUNDS = {
  filters: { min: 1, max: 128 },
  kernel: { min: 1, max: 7 },
  rate: { min: 0, max: 0.9 },
  units: { min: 1, max: 1024 },
  /** Layers before the output layer. */
  layers: 24,
} as const;

/** Keras' class name of each kind, as model.summary() prints it. */
export const CLASS_NAMES: Readonly<Record<LayerKind, string>> = {
  conv2d: 'Conv2D',
  maxPooling2d: 'MaxPooling2D',
  batchNormalization: 'BatchNormalization',
  dropout: 'Dropout',
  flatten: 'Flatten',
  dense: 'Dense',
};

/** The notebook's network: c8-p-d0.2-c16-p-d0.2-f-h100-d0.5, 42,358 parameters. */
export const NOTEBOOK_NETWORK: NetworkConfig = {
  layers: [
    { kind: 'conv2d', filters: 8, kernel: 3, padding: 'valid', activation: 'relu' },
    { kind: 'maxPooling2d', size: 2 },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'conv2d', filters: 16, kernel: 3, padding: 'valid', activation: 'relu' },
    { kind: 'maxPooling2d', size: 2 },
    { kind: 'dropout', rate: 0.2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 100, activation: 'relu' },
    { kind: 'dropout', rate: 0.5 },
  ],
};

/** A layer of this kind with the notebook's values where it has them: what "add a layer" adds. */
export function defaultLayer(kind: LayerKind): LayerConfig {
  switch (kind) {
    case 'conv2d':
      return { kind, filters: 16, kernel: 3, padding: 'valid', activation: 'relu' };
    case 'maxPooling2d':
      return { kind, size: 2 };
    case 'batchNormalization':
      return { kind };
    case 'dropout':
      return { kind, rate: 0.2 };
    case 'flatten':
      return { kind };
    case 'dense':
      return { kind, units: 100, activation: 'relu' };
  }
}

function whole(value: unknown, bounds: { readonly min: number; readonly max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
}

/** A stored or received layer, checked field by field; null if it is not one of the family. */
export function readLayer(value: unknown): LayerConfig | null {
  if (!isRecord(value) || typeof value.kind !== 'string') return null;
  const { kind } = value;
  const activation = typeof value.activation === 'string' && isOneOf(ACTIVATIONS, value.activation) ? value.activation : null;
  switch (kind) {
    case 'conv2d': {
      const padding = typeof value.padding === 'string' && isOneOf(PADDINGS, value.padding) ? value.padding : null;
      const { filters, kernel } = value;
      if (!whole(filters, NETWORK_BOUNDS.filters) || !whole(kernel, NETWORK_BOUNDS.kernel) || !padding || !activation) return null;
      return { kind, filters, kernel, padding, activation };
    }
    case 'maxPooling2d':
      return value.size === 2 || value.size === 3 ? { kind, size: value.size } : null;
    case 'batchNormalization':
    case 'flatten':
      return { kind };
    case 'dropout': {
      const { rate } = value;
      return typeof rate === 'number' && rate >= NETWORK_BOUNDS.rate.min && rate <= NETWORK_BOUNDS.rate.max ? { kind, rate } : null;
    }
    case 'dense': {
      const { units } = value;
      return whole(units, NETWORK_BOUNDS.units) && activation ? { kind, units, activation } : null;
    }
    default:
      return null;
  }
}

/** A stored or received network (a run, a saved model's record); null if any layer is outside the family. */
export function readNetwork(value: unknown): NetworkConfig | null {
  if (!isRecord(value) || !Array.isArray(value.layers) || value.layers.length > NETWORK_BOUNDS.layers) return null;
  const layers: LayerConfig[] = [];
  for (const entry of value.layers as unknown[]) {
    const layer = readLayer(entry);
    if (!layer) return null;
    layers.push(layer);
  }
  return { layers };
}
