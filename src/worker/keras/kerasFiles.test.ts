import * as tf from '@tensorflow/tfjs';
import { Group } from 'h5wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMnistFromIdx } from '../../../scripts/lib/mnist-data';
import { buildCnn } from '../../ml/network/build';
import type { WeightValues } from '../../ml/network/checkpoint';
import { restoreCheckpoint } from '../../ml/network/checkpoint';
import { KERAS_VERSION, kerasModelJson, legacyConfigs } from '../../ml/network/keras/kerasConfig';
import type { H5Node } from '../../ml/network/keras/h5Tree';
import { legacyWeightNodes } from '../../ml/network/keras/kerasWeights';
import type { KerasFormat } from '../../ml/network/keras/formats';
import { readKerasFile, writeKerasFile, type H5Codec } from '../../ml/network/keras/kerasFile';
import { NOTEBOOK_NETWORK, type NetworkConfig } from '../../ml/network/network';
import { parseNet } from '../../ml/network/netText';
import { planOf, plannedWeights } from '../../ml/network/plan';
import { NOTEBOOK_OPTIMIZER, type OptimizerConfig } from '../../ml/training/optimizers';
import { h5wasmCodec } from './h5wasmCodec';
import { expectedPredictions, fixtureBytes, kerasMembers, readH5, withConfig } from './kerasTesting';

let codec: H5Codec;
beforeAll(async () => {
  codec = await h5wasmCodec();
  await tf.setBackend('cpu');
});

/** The probabilities a model of these weights gives the first `count` MNIST test images. */
async function predictFirst(network: NetworkConfig, weights: WeightValues[], count: number): Promise<number[][]> {
  const { test } = await loadMnistFromIdx();
  const model = buildCnn({ network });
  try {
    restoreCheckpoint(model, { epochs: 0, weights });
    const images = Float32Array.from(test.images.subarray(0, count * 784), (v) => v / 255);
    const output = tf.tidy(() => model.predict(tf.tensor4d(images, [count, 28, 28, 1])));
    if (Array.isArray(output)) throw new Error('one output expected');
    const values = await output.array();
    output.dispose();
    if (!Array.isArray(values)) throw new Error('a matrix expected');
    return values.map((row) => (Array.isArray(row) ? row.map(Number) : []));
  } finally {
    model.dispose();
  }
}

const maxDifference = (a: number[][], b: number[][]): number =>
  Math.max(...a.flatMap((row, i) => row.map((value, j) => Math.abs(value - (b[i]?.[j] ?? Number.NaN)))));

describe('the Keras fixtures (saved by Keras 3.10 from trained weights)', () => {
  it.each(['notebook-cnn.keras', 'notebook-cnn.h5'] as const)(
    '%s is read as the notebook’s network and predicts what Keras predicted',
    async (name) => {
      const read = readKerasFile(codec, fixtureBytes(name));
      expect(read.network).toEqual(NOTEBOOK_NETWORK);
      // Compiled with Adam(1e-3), which Keras writes as the float32 0.0010000000474974513.
      expect(read.optimizer).toEqual(NOTEBOOK_OPTIMIZER);
      expect(read.weights.map((weight) => weight.name)).toEqual(plannedWeights(planOf(NOTEBOOK_NETWORK)).map((weight) => weight.name));
      const expected = expectedPredictions();
      const probabilities = await predictFirst(read.network, read.weights, 100);
      expect(maxDifference(probabilities, expected.probabilities)).toBeLessThan(1e-4);
      expect(probabilities.map((row) => row.indexOf(Math.max(...row)))).toEqual(expected.argmax);
    },
  );

  it('is what this app writes for the notebook’s network, key for key (but the object ids Keras adds, and jit_compile)', async () => {
    const strip = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'shared_object_id' || key === 'jit_compile' ? undefined : inner)));
    const fixture = kerasMembers(fixtureBytes('notebook-cnn.keras'));
    expect(strip(kerasModelJson(NOTEBOOK_NETWORK, NOTEBOOK_OPTIMIZER))).toEqual(strip(fixture.config));
    const legacy = legacyConfigs(NOTEBOOK_NETWORK, NOTEBOOK_OPTIMIZER);
    const attrs = await readH5(fixtureBytes('notebook-cnn.h5'), (file) => ({
      model: file.attrs.model_config?.value,
      training: file.attrs.training_config?.value,
    }));
    if (typeof attrs.model !== 'string' || typeof attrs.training !== 'string') throw new Error('the fixture’s configs are text');
    expect(strip(legacy.modelConfig)).toEqual(strip(JSON.parse(attrs.model)));
    expect(strip(legacy.trainingConfig)).toEqual(strip(JSON.parse(attrs.training)));
  });
});

/** Weights of a network with every value distinct, so a weight put in another's place shows. */
function numberedWeights(network: NetworkConfig): WeightValues[] {
  let next = 0;
  return plannedWeights(planOf(network)).map((weight) => {
    const size = weight.shape.reduce((a, b) => a * b, 1);
    return {
      name: weight.name,
      shape: [...weight.shape],
      values: Float32Array.from({ length: size }, () => Math.fround(Math.sin(++next))),
    };
  });
}

const networks = ['c8-p-d0.2-c16-p-d0.2-f-h100-d0.5', 'c4k5s.tanh-b-p3-c6-b-f-h20.sigmoid-d0.3', 'f-h32'].map(parseNet);
const RMSPROP: OptimizerConfig = { optimizer: 'rmsprop', learningRate: 0.002 };

describe('a model written and read back', () => {
  it.each(['keras', 'h5'] as const)(
    'as .%s comes back with the same network and identical weights, for several networks',
    (format: KerasFormat) => {
      for (const network of networks) {
        const weights = numberedWeights(network);
        const bytes = writeKerasFile(codec, format, { network, optimizer: NOTEBOOK_OPTIMIZER, weights });
        const read = readKerasFile(codec, bytes);
        expect(read.network).toEqual(network);
        expect(read.weights).toEqual(weights);
      }
    },
  );

  it.each(['keras', 'h5'] as const)('as .%s names the optimiser it was compiled with, kind and learning rate', (format: KerasFormat) => {
    const network = networks[2] ?? NOTEBOOK_NETWORK;
    const optimizers: OptimizerConfig[] = [RMSPROP, { optimizer: 'sgd', learningRate: 0.01 }, { optimizer: 'adam', learningRate: 3e-3 }];
    for (const optimizer of optimizers) {
      const read = readKerasFile(codec, writeKerasFile(codec, format, { network, optimizer, weights: numberedWeights(network) }));
      expect(read.optimizer).toEqual(optimizer);
    }
  });

  it('reads an optimiser the app does not train with, or one it cannot read, as the notebook’s, and takes the file', () => {
    const bytes = writeKerasFile(codec, 'keras', {
      network: NOTEBOOK_NETWORK,
      optimizer: RMSPROP,
      weights: numberedWeights(NOTEBOOK_NETWORK),
    });
    const schedule = { class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.01 } };
    for (const optimizer of [
      { class_name: 'AdamW', config: { learning_rate: 0.002 } },
      { class_name: 'RMSprop', config: { learning_rate: schedule } },
      { class_name: 'RMSprop', config: { learning_rate: -1 } },
      'rmsprop',
      undefined,
    ]) {
      const edited = withConfig(bytes, (config) => {
        config.compile_config = optimizer === undefined ? undefined : { optimizer };
      });
      expect(readKerasFile(codec, edited).optimizer).toEqual(NOTEBOOK_OPTIMIZER);
    }
    // A plain learning rate, as a file written elsewhere may have it, is read as it is.
    const plain = withConfig(bytes, (config) => {
      config.compile_config = { optimizer: { class_name: 'SGD', config: { learning_rate: 0.05 } } };
    });
    expect(readKerasFile(codec, plain).optimizer).toEqual({ optimizer: 'sgd', learningRate: 0.05 });

    const version = { backend: 'tensorflow', keras_version: KERAS_VERSION };
    const modelConfig = JSON.stringify(legacyConfigs(NOTEBOOK_NETWORK, RMSPROP).modelConfig);
    const unknown = JSON.stringify({ optimizer_config: { class_name: 'Nadam', config: { learning_rate: 0.002 } } });
    for (const training of [{}, { training_config: 'not JSON' }, { training_config: unknown }]) {
      const root: H5Node = { kind: 'group', path: '', attrs: { ...version, model_config: modelConfig, ...training } };
      const legacy = codec.write([root, ...legacyWeightNodes(NOTEBOOK_NETWORK, numberedWeights(NOTEBOOK_NETWORK), version)]);
      expect(readKerasFile(codec, legacy).optimizer).toEqual(NOTEBOOK_OPTIMIZER);
    }
  });

  it('is laid out as Keras lays out each format', async () => {
    const network = networks[1] ?? NOTEBOOK_NETWORK;
    const weights = numberedWeights(network);
    const keras = kerasMembers(writeKerasFile(codec, 'keras', { network, optimizer: { optimizer: 'sgd', learningRate: 0.01 }, weights }));
    expect(keras.metadata).toMatchObject({ keras_version: '3.10.0' });
    expect(keras.config).toMatchObject({
      compile_config: { optimizer: { class_name: 'SGD', config: { learning_rate: Math.fround(0.01) } } },
    });
    // Python must read SGD's momentum as a float: Keras refuses `"momentum": 0`.
    expect(keras.configText).toContain('"momentum":0.0,"nesterov":false');
    const paths = await readH5(keras.weights, (file) => file.paths());
    expect(paths).toContain('layers/batch_normalization_1/vars/3');
    expect(paths).toContain('layers/conv2d_1/vars/0');
    const h5 = writeKerasFile(codec, 'h5', { network, optimizer: NOTEBOOK_OPTIMIZER, weights });
    const names = await readH5(h5, (file) => {
      const group = file.get('model_weights/batch_normalization');
      return group instanceof Group ? group.attrs.weight_names?.value : null;
    });
    expect(names).toEqual([
      'sequential/batch_normalization/gamma',
      'sequential/batch_normalization/beta',
      'sequential/batch_normalization/moving_mean',
      'sequential/batch_normalization/moving_variance',
    ]);
  });
});
