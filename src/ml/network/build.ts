import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../data/mnist';
import { makeOptimizer } from '../training/makeOptimizer';
import { NOTEBOOK_OPTIMIZER, type LayerSummary, type OptimizerConfig } from '../training/optimizers';

export interface CnnConfig {
  /** Seeds the Glorot initialisers so the same seed gives the same starting weights. */
  readonly seed?: number;
}

/**
 * The notebook's network, layer for layer:
 * Conv2D(8, 3×3, relu) → MaxPool 2×2 → Dropout 0.2 → Conv2D(16, 3×3, relu) → MaxPool 2×2 →
 * Dropout 0.2 → Flatten → Dense(100, relu) → Dropout 0.5 → Dense(10, softmax): 42,358 parameters.
 * Dropout is left unseeded on purpose: tfjs re-seeds its mask generator on every call, so a
 * seeded dropout would drop the same units at every step.
 */
export function buildCnn(config: CnnConfig = {}): tf.Sequential {
  let layerSeed = config.seed;
  const kernelInitializer = (): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform(layerSeed === undefined ? {} : { seed: layerSeed++ });
  return tf.sequential({
    name: 'mnist_cnn',
    layers: [
      tf.layers.conv2d({
        name: 'conv2d_1',
        inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: kernelInitializer(),
      }),
      tf.layers.maxPooling2d({ name: 'max_pooling2d_1', poolSize: 2 }),
      tf.layers.dropout({ name: 'dropout_1', rate: 0.2 }),
      tf.layers.conv2d({ name: 'conv2d_2', filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: kernelInitializer() }),
      tf.layers.maxPooling2d({ name: 'max_pooling2d_2', poolSize: 2 }),
      tf.layers.dropout({ name: 'dropout_2', rate: 0.2 }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({ name: 'dense_1', units: 100, activation: 'relu', kernelInitializer: kernelInitializer() }),
      tf.layers.dropout({ name: 'dropout_3', rate: 0.5 }),
      tf.layers.dense({ name: 'dense_2', units: NUM_CLASSES, activation: 'softmax', kernelInitializer: kernelInitializer() }),
    ],
  });
}

/** The optimiser (the notebook's Adam at 0.001 unless told), sparse categorical cross-entropy on integer labels, accuracy. */
export function compileCnn(model: tf.LayersModel, optimizer: OptimizerConfig = NOTEBOOK_OPTIMIZER): void {
  model.compile({ optimizer: makeOptimizer(optimizer), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
}

export function summarizeModel(model: tf.LayersModel): LayerSummary[] {
  return model.layers.map((layer) => ({
    name: layer.name,
    kind: layer.getClassName(),
    outputShape: JSON.stringify(layer.outputShape).replace(/null/g, 'None'),
    params: layer.countParams(),
  }));
}

/** The layers whose weights the histograms follow: every layer that has a kernel. */
export function weightedLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getWeights().length > 0);
}
