import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../data/mnist';
import { makeOptimizer } from '../training/makeOptimizer';
import { NOTEBOOK_OPTIMIZER, type OptimizerConfig } from '../training/optimizers';
import { NOTEBOOK_NETWORK, type LayerConfig, type NetworkConfig } from './network';
import { planOf, type PlannedLayer } from './plan';

export interface CnnConfig {
  /** Seeds the Glorot initialisers so the same seed gives the same starting weights. */
  readonly seed?: number;
  /** The notebook's unless told. */
  readonly network?: NetworkConfig;
}

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** The first layer says the input's shape: 28×28 images of one channel. */
const INPUT_SHAPE = [IMAGE_SIZE, IMAGE_SIZE, 1];

function buildLayer(layer: LayerConfig, planned: PlannedLayer, first: boolean, kernelInitializer: () => Initializer): tf.layers.Layer {
  const name = planned.name;
  const base = first ? { name, inputShape: INPUT_SHAPE } : { name };
  switch (layer.kind) {
    case 'conv2d':
      return tf.layers.conv2d({
        ...base,
        filters: layer.filters,
        kernelSize: layer.kernel,
        padding: layer.padding,
        activation: layer.activation,
        kernelInitializer: kernelInitializer(),
      });
    case 'maxPooling2d':
      return tf.layers.maxPooling2d({ ...base, poolSize: layer.size, strides: layer.size });
    case 'batchNormalization':
      // Keras' defaults, written out: they are what a .keras or model.json file of this network says.
      return tf.layers.batchNormalization({ ...base, axis: -1, momentum: 0.99, epsilon: 0.001 });
    case 'dropout':
      return tf.layers.dropout({ ...base, rate: layer.rate });
    case 'flatten':
      return tf.layers.flatten(base);
    case 'dense':
      return tf.layers.dense({ ...base, units: layer.units, activation: layer.activation, kernelInitializer: kernelInitializer() });
  }
}

/**
 * A network of the family, layer for layer as its plan names them, ending in Dense(10,
 * softmax); the notebook's (42,358 parameters) unless told. Dropout is left unseeded on
 * purpose: tfjs re-seeds its mask generator on every call, so a seeded dropout would drop
 * the same units at every step.
 */
export function buildCnn(config: CnnConfig = {}): tf.Sequential {
  const network = config.network ?? NOTEBOOK_NETWORK;
  const plan = planOf(network);
  let layerSeed = config.seed;
  const kernelInitializer = (): Initializer => tf.initializers.glorotUniform(layerSeed === undefined ? {} : { seed: layerSeed++ });
  const layers = plan.layers.map((planned, i) => {
    const layer = network.layers[i];
    if (layer) return buildLayer(layer, planned, i === 0, kernelInitializer);
    // The output layer, the same for every network.
    return tf.layers.dense({ name: planned.name, units: NUM_CLASSES, activation: 'softmax', kernelInitializer: kernelInitializer() });
  });
  return tf.sequential({ name: 'mnist_cnn', layers });
}

/** The optimiser (the notebook's Adam at 0.001 unless told), sparse categorical cross-entropy on integer labels, accuracy. */
export function compileCnn(model: tf.LayersModel, optimizer: OptimizerConfig = NOTEBOOK_OPTIMIZER): void {
  model.compile({ optimizer: makeOptimizer(optimizer), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
}

/** The layers whose weights the histograms follow: every layer that has a kernel. */
export function weightedLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getWeights().length > 0);
}
