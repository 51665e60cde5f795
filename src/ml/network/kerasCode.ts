import type { OptimizerConfig } from '../training/optimizers';
import type { Activation, LayerConfig, NetworkConfig } from './network';

/*
 * The network as the notebook writes it: Keras code to paste into a cell, the same layers in the
 * same order, compiled with the recipe's optimiser. Keras' own defaults are left out (relu is
 * written, as the notebook writes it; valid padding and pool strides are not).
 */

const OPTIMIZER_CLASSES: Readonly<Record<OptimizerConfig['optimizer'], string>> = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSprop' };

function activation(name: Activation): string {
  return name === 'linear' ? '' : `, activation="${name}"`;
}

function layerCode(layer: LayerConfig): string {
  switch (layer.kind) {
    case 'conv2d':
      return `layers.Conv2D(${layer.filters}, (${layer.kernel}, ${layer.kernel})${layer.padding === 'same' ? ', padding="same"' : ''}${activation(layer.activation)})`;
    case 'maxPooling2d':
      return `layers.MaxPooling2D((${layer.size}, ${layer.size}))`;
    case 'batchNormalization':
      return 'layers.BatchNormalization()';
    case 'dropout':
      return `layers.Dropout(${layer.rate})`;
    case 'flatten':
      return 'layers.Flatten()';
    case 'dense':
      return `layers.Dense(${layer.units}${activation(layer.activation)})`;
  }
}

export function kerasCode(network: NetworkConfig, optimizer: OptimizerConfig): string {
  const lines = [
    'keras.Input(shape=(28, 28, 1)),',
    ...network.layers.map((layer) => `${layerCode(layer)},`),
    'layers.Dense(10, activation="softmax"),',
  ];
  return [
    'import keras',
    'from keras import layers',
    '',
    'model = keras.Sequential([',
    ...lines.map((line) => `    ${line}`),
    '])',
    'model.compile(',
    `    optimizer=keras.optimizers.${OPTIMIZER_CLASSES[optimizer.optimizer]}(learning_rate=${optimizer.learningRate}),`,
    '    loss="sparse_categorical_crossentropy",',
    '    metrics=["accuracy"],',
    ')',
    'model.summary()',
    '',
  ].join('\n');
}
