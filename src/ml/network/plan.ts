import { IMAGE_SIZE, NUM_CLASSES } from '../data/mnist';
import { CLASS_NAMES, type LayerConfig, type LayerKind, type NetworkConfig } from './network';

/*
 * What a network is before anything is built: each layer's name, output shape, weights and
 * parameters, as Keras' model.summary() lists them. Building, the summary, model files, the
 * histograms and the feature maps all read this one plan, so they cannot disagree.
 */

/** At most this many parameters (8 MB of float32 weights; Adam keeps two more copies). */
export const MAX_PARAMS = 2_000_000;

/**
 * At most this many activations for one image, every layer's output together: a batch of 128
 * then holds about 150 MB of activations, about as much again in their gradients.
 */
export const MAX_VALUES_PER_IMAGE = 300_000;

export interface PlannedWeight {
  /** As the layer names it: `conv2d_1/kernel`. */
  readonly name: string;
  readonly shape: readonly number[];
}

export interface PlannedLayer {
  /** Keras-style, counted per kind from 1: conv2d_1, max_pooling2d_1, flatten, dense_2. */
  readonly name: string;
  readonly kind: LayerKind;
  /** Keras' class name: Conv2D, Dense… */
  readonly className: string;
  /** Without the batch: [26, 26, 8] or [100]. */
  readonly outputShape: readonly number[];
  readonly params: number;
  readonly weights: readonly PlannedWeight[];
  /** The index of its row in the network's list, or null for the output layer, which every network ends with. */
  readonly row: number | null;
}

export interface NetworkPlan {
  readonly layers: readonly PlannedLayer[];
  readonly totalParams: number;
  /** Every layer's output for one image, together. */
  readonly valuesPerImage: number;
}

/** Why a network cannot be trained: the row it concerns (null: the whole network), and a sentence. */
export interface PlanRefusal {
  readonly row: number | null;
  readonly message: string;
}

export type PlanResult = { readonly ok: true; readonly plan: NetworkPlan } | { readonly ok: false; readonly refusal: PlanRefusal };

/** Keras' snake-case name of each class: the base of a layer's default name, in tfjs and in Keras. */
export const SNAKE_NAMES: Readonly<Record<LayerKind, string>> = {
  conv2d: 'conv2d',
  maxPooling2d: 'max_pooling2d',
  batchNormalization: 'batch_normalization',
  dropout: 'dropout',
  flatten: 'flatten',
  dense: 'dense',
};

// Its softmax is the builder's business: the plan needs only its shape and weights.
const OUTPUT_LAYER: LayerConfig = { kind: 'dense', units: NUM_CLASSES, activation: 'linear' };

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

class Refused extends Error {
  constructor(readonly refusal: PlanRefusal) {
    super(refusal.message);
  }
}

function refuse(row: number | null, message: string): never {
  throw new Refused({ row, message });
}

/** The output shape and weights of one layer on an input of shape `input`. */
function step(
  layer: LayerConfig,
  input: readonly number[],
  name: string,
  where: string,
  row: number | null,
): {
  shape: number[];
  weights: PlannedWeight[];
} {
  const spatial = input.length === 3;
  const [height = 0, width = 0, channels = 0] = input;
  const flat = product(input);
  const needImage = (): void => {
    if (!spatial)
      refuse(
        row,
        `${where} needs an image, but the data is already flat (${flat.toLocaleString('en-GB')} values) there: move it above the Flatten`,
      );
  };
  switch (layer.kind) {
    case 'conv2d': {
      needImage();
      const shrink = layer.padding === 'same' ? 0 : layer.kernel - 1;
      const [h, w] = [height - shrink, width - shrink];
      if (h < 1 || w < 1) {
        refuse(
          row,
          `${where} has a ${layer.kernel}×${layer.kernel} kernel on ${height}×${width} maps, which leaves nothing: use a smaller kernel or padding same`,
        );
      }
      const weights = [
        { name: `${name}/kernel`, shape: [layer.kernel, layer.kernel, channels, layer.filters] },
        { name: `${name}/bias`, shape: [layer.filters] },
      ];
      return { shape: [h, w, layer.filters], weights };
    }
    case 'maxPooling2d': {
      needImage();
      if (height < layer.size || width < layer.size) {
        refuse(
          row,
          `${where} pools ${layer.size}×${layer.size} windows of ${height}×${width} maps, which leaves nothing: remove it or pool earlier`,
        );
      }
      return { shape: [Math.floor(height / layer.size), Math.floor(width / layer.size), channels], weights: [] };
    }
    case 'batchNormalization': {
      const features = input[input.length - 1] ?? 0;
      const parts = ['gamma', 'beta', 'moving_mean', 'moving_variance'];
      return { shape: [...input], weights: parts.map((part) => ({ name: `${name}/${part}`, shape: [features] })) };
    }
    case 'dropout':
      return { shape: [...input], weights: [] };
    case 'flatten':
      if (!spatial) refuse(row, `${where} has nothing to flatten: the data is already flat (${flat.toLocaleString('en-GB')} values)`);
      return { shape: [flat], weights: [] };
    case 'dense':
      if (spatial) {
        refuse(row, `${where} needs flat data, but it gets ${shapeText(input)} maps: add a Flatten before it`);
      }
      return {
        shape: [layer.units],
        weights: [
          { name: `${name}/kernel`, shape: [flat, layer.units] },
          { name: `${name}/bias`, shape: [layer.units] },
        ],
      };
  }
}

function plan(network: NetworkConfig): NetworkPlan {
  const counts = new Map<LayerKind, number>();
  const nameOf = (kind: LayerKind): string => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    return kind === 'flatten' && n === 1 ? 'flatten' : `${SNAKE_NAMES[kind]}_${n}`;
  };
  let shape: readonly number[] = [IMAGE_SIZE, IMAGE_SIZE, 1];
  const layers: PlannedLayer[] = [];
  const all = [...network.layers.map((layer, row) => ({ layer, row })), { layer: OUTPUT_LAYER, row: null }];
  for (const { layer, row } of all) {
    const name = nameOf(layer.kind);
    const where = row === null ? 'The output layer Dense(10, softmax)' : `Layer ${row + 1} (${CLASS_NAMES[layer.kind]})`;
    const next = step(layer, shape, name, where, row);
    shape = next.shape;
    const params = next.weights.reduce((sum, weight) => sum + product(weight.shape), 0);
    layers.push({ name, kind: layer.kind, className: CLASS_NAMES[layer.kind], outputShape: shape, params, weights: next.weights, row });
  }
  const totalParams = layers.reduce((sum, layer) => sum + layer.params, 0);
  const valuesPerImage = layers.reduce((sum, layer) => sum + product(layer.outputShape), 0);
  if (totalParams > MAX_PARAMS) {
    refuse(
      null,
      `It has ${totalParams.toLocaleString('en-GB')} parameters; this app trains at most ${MAX_PARAMS.toLocaleString('en-GB')} in a tab: use fewer units or filters, or pool before the Flatten`,
    );
  }
  if (valuesPerImage > MAX_VALUES_PER_IMAGE) {
    refuse(
      null,
      `Its layers produce ${valuesPerImage.toLocaleString('en-GB')} values per image; at most ${MAX_VALUES_PER_IMAGE.toLocaleString('en-GB')} fit a batch in memory: use fewer filters, or pool earlier`,
    );
  }
  return { layers, totalParams, valuesPerImage };
}

/** Plans a network, or says in a sentence why it cannot be trained. */
export function planNetwork(network: NetworkConfig): PlanResult {
  try {
    return { ok: true, plan: plan(network) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

/** The plan of a network known to be good (the notebook's, a stored one): a refusal here is a bug. */
export function planOf(network: NetworkConfig): NetworkPlan {
  const result = planNetwork(network);
  if (!result.ok) throw new Error(`a network that cannot be trained: ${result.refusal.message}`);
  return result.plan;
}

/** Every weight of the plan, in the order the layers hold them. */
export function plannedWeights(plan: NetworkPlan): PlannedWeight[] {
  return plan.layers.flatMap((layer) => layer.weights);
}

/**
 * Multiply-adds of one image's forward pass: each convolution's kernel at every output position,
 * each dense layer's kernel once (229,064 for the notebook's). A step's cost goes with it.
 */
export function multiplyAdds(plan: NetworkPlan): number {
  return plan.layers.reduce((sum, layer) => {
    const kernel = layer.weights[0];
    if (!kernel || (layer.kind !== 'conv2d' && layer.kind !== 'dense')) return sum;
    const [height = 1, width = 1] = layer.outputShape;
    return sum + product(kernel.shape) * (layer.kind === 'conv2d' ? height * width : 1);
  }, 0);
}

/** Output shape as model.summary() prints it: (None, 26, 26, 8). */
export function summaryShape(layer: PlannedLayer): string {
  return `(None, ${layer.outputShape.join(', ')})`;
}
