import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from './build';
import { ModelFileError, checkModelFiles, decodeWeights, excerpt } from './modelFile';
import { netText, parseNet } from './netText';
import type { NetworkConfig } from './network';

interface ModelJson {
  format?: string;
  modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  weightsManifest: { weights: { name: string; shape: unknown; dtype?: string }[] }[];
}

/** The notebook's network: 42,358 float32 values. */
const NOTEBOOK_BYTES = 42_358 * 4;

let modelJson = '';
let weightData = new ArrayBuffer(0);

/** A network's model.json and weights as tfjs saves them. */
async function saved(network?: NetworkConfig): Promise<{ modelJson: string; weightData: ArrayBuffer }> {
  const model = buildCnn({ seed: 1, ...(network ? { network } : {}) });
  const files = { modelJson: '', weightData: new ArrayBuffer(0) };
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      files.modelJson = JSON.stringify({
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
      });
      if (artifacts.weightData instanceof ArrayBuffer) files.weightData = artifacts.weightData;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  model.dispose();
  return files;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  ({ modelJson, weightData } = await saved());
});

function edited(change: (json: ModelJson) => void): string {
  const json = JSON.parse(modelJson) as ModelJson;
  change(json);
  return JSON.stringify(json);
}

const layer = (json: ModelJson, index: number): Record<string, unknown> => {
  const found = json.modelTopology.config.layers[index];
  if (!found) throw new Error(`no layer ${index}`);
  return found.config;
};
const weight = (json: ModelJson, index: number): { name: string; shape: unknown; dtype?: string } => {
  const found = json.weightsManifest[0]?.weights[index];
  if (!found) throw new Error(`no weight ${index}`);
  return found;
};

describe('checkModelFiles', () => {
  it('accepts this app’s own network with weights of the right size, and reads its network', () => {
    const checked = checkModelFiles(modelJson, NOTEBOOK_BYTES);
    expect(checked.weightSpecs).toHaveLength(8);
    expect(netText(checked.network)).toBe('c8-p-d0.2-c16-p-d0.2-f-h100-d0.5');
  });

  it.each([
    'c32k5s.tanh-p3-b-d0.25-c4k1.sigmoid-f-h64.linear-b',
    'f-h128-d0.3',
    'c6k5s.tanh-p-c16k5.tanh-p-f-h120.tanh-h84.tanh',
    'b-c4k7-p-f',
  ])('reads any network of the family from its file: %s', async (text) => {
    const files = await saved(parseNet(text));
    const checked = checkModelFiles(files.modelJson, files.weightData.byteLength);
    expect(netText(checked.network)).toBe(text);
  });

  it('accepts a Keras export of the same network: other layer names, pooling strides written as null', () => {
    const keras = edited((json) => {
      const names = [
        'conv2d',
        'max_pooling2d',
        'dropout',
        'conv2d_1',
        'max_pooling2d_1',
        'dropout_1',
        'flatten',
        'dense',
        'dropout_2',
        'dense_1',
      ];
      json.modelTopology.config.layers.forEach((entry, i) => (entry.config.name = names[i]));
      layer(json, 1).strides = null;
      const owners = ['conv2d', 'conv2d', 'conv2d_1', 'conv2d_1', 'dense', 'dense', 'dense_1', 'dense_1'];
      json.weightsManifest[0]?.weights.forEach((spec, i) => (spec.name = `${owners[i] ?? ''}/${i % 2 ? 'bias' : 'kernel'}`));
    });
    expect(checkModelFiles(keras, NOTEBOOK_BYTES).weightSpecs[0]?.name).toBe('conv2d_1/kernel');
  });

  it.each([
    ['text that is not JSON', () => '{ nope', NOTEBOOK_BYTES, 'model.json could not be read as JSON'],
    ['a graph model', () => edited((json) => (json.format = 'graph-model')), NOTEBOOK_BYTES, 'not a layers model'],
    [
      'a layer of another kind',
      () => edited((json) => (json.modelTopology.config.layers[2] = { class_name: 'LSTM', config: {} })),
      NOTEBOOK_BYTES,
      'layer 3 is "LSTM"; this app trains Conv2D, MaxPooling2D, BatchNormalization, Dropout, Flatten and Dense',
    ],
    ['another input size', () => edited((json) => (layer(json, 0).batch_input_shape = [null, 32, 32, 1])), NOTEBOOK_BYTES, '28×28×1'],
    [
      'another output size',
      () => edited((json) => (layer(json, 9).units = 11)),
      NOTEBOOK_BYTES,
      'layer 10 (Dense) has units 11; this app’s networks end in Dense(10, softmax)',
    ],
    [
      'a convolution with another stride',
      () => edited((json) => (layer(json, 0).strides = [2, 2])),
      NOTEBOOK_BYTES,
      'layer 1 (Conv2D) has strides [2,2]; this app trains stride 1 only',
    ],
    [
      'an oblong kernel',
      () => edited((json) => (layer(json, 3).kernel_size = [3, 5])),
      NOTEBOOK_BYTES,
      'layer 4 (Conv2D) has kernel_size [3,5]; this app trains square sizes only',
    ],
    [
      'too many filters',
      () => edited((json) => (layer(json, 0).filters = 500)),
      NOTEBOOK_BYTES,
      'layer 1 (Conv2D) has filters 500; this app trains 1 to 128',
    ],
    [
      'causal padding',
      () => edited((json) => (layer(json, 0).padding = 'causal')),
      NOTEBOOK_BYTES,
      'has padding "causal"; this app trains valid and same',
    ],
    [
      'an activation outside the family',
      () => edited((json) => (layer(json, 0).activation = 'elu')),
      NOTEBOOK_BYTES,
      'layer 1 (Conv2D) has activation "elu"',
    ],
    [
      'an activation left out (tfjs would make it linear)',
      () => edited((json) => delete layer(json, 9).activation),
      NOTEBOOK_BYTES,
      'layer 10 (Dense) does not say its activation',
    ],
    [
      'a dropout rate out of bounds',
      () => edited((json) => (layer(json, 8).rate = 0.95)),
      NOTEBOOK_BYTES,
      'has rate 0.95; this app trains 0 to 0.9',
    ],
    [
      'a network that cannot be trained',
      () => edited((json) => json.modelTopology.config.layers.splice(6, 1)),
      NOTEBOOK_BYTES,
      'its network cannot be trained here: Layer 7 (Dense) needs flat data',
    ],
    [
      'a weight of the wrong shape',
      () => edited((json) => (weight(json, 4).shape = [400, 99])),
      NOTEBOOK_BYTES,
      'weight "dense_1/kernel" has shape [400,99], not [400,100]',
    ],
    [
      'a renamed weight',
      () => edited((json) => (weight(json, 0).name = 'other/kernel')),
      NOTEBOOK_BYTES,
      'weight 1 is named "other/kernel", which is not a weight of its layers',
    ],
    [
      'a weight twice',
      () => edited((json) => (weight(json, 2).name = 'conv2d_1/kernel')),
      NOTEBOOK_BYTES,
      'weight 3 is named "conv2d_1/kernel"',
    ],
    ['integer weights', () => edited((json) => (weight(json, 1).dtype = 'int32')), NOTEBOOK_BYTES, 'is "int32", not float32'],
    [
      'a shape nested 100,000 deep',
      // Built as text: the test's own JSON.stringify could not write it.
      () => edited((json) => (weight(json, 0).shape = 'DEEP')).replace('"DEEP"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      NOTEBOOK_BYTES,
      'weight "conv2d_1/kernel" has shape',
    ],
    ['a weights file cut short', () => modelJson, 1000, '1000 bytes, not 169432'],
    ['something huge', () => modelJson, 11 * 2 ** 20, 'larger than 10 MB'],
  ])('refuses %s, saying why', (_, json, bytes, message) => {
    let thrown: unknown;
    try {
      checkModelFiles(json(), bytes);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModelFileError);
    expect(thrown instanceof Error ? thrown.message : '').toContain(message);
    expect(thrown instanceof Error ? thrown.message.length : 0).toBeLessThan(200);
  });
});

describe('decodeWeights', () => {
  it('gives back the model’s own values under this app’s names, batch normalisation’s moving averages too', async () => {
    const network = parseNet('c4-b-p-f-h8-b');
    const files = await saved(network);
    const { weightSpecs } = checkModelFiles(files.modelJson, files.weightData.byteLength);
    const decoded = decodeWeights(weightSpecs, files.weightData);
    const model = buildCnn({ seed: 1, network });
    const expected = new Map(
      await Promise.all(model.weights.map(async (w) => [w.originalName, Array.from(await w.read().data())] as const)),
    );
    model.dispose();
    expect(decoded.map((entry) => entry.name).sort()).toEqual([...expected.keys()].sort());
    expect(decoded.map((entry) => entry.name)).toContain('batch_normalization_2/moving_variance');
    for (const entry of decoded) expect(Array.from(entry.values)).toEqual(expected.get(entry.name));
  });

  it('decodes the notebook’s weights in order', () => {
    const { weightSpecs } = checkModelFiles(modelJson, weightData.byteLength);
    expect(decodeWeights(weightSpecs, weightData).map((entry) => entry.name)).toEqual([
      'conv2d_1/kernel',
      'conv2d_1/bias',
      'conv2d_2/kernel',
      'conv2d_2/bias',
      'dense_1/kernel',
      'dense_1/bias',
      'dense_2/kernel',
      'dense_2/bias',
    ]);
  });
});

describe('excerpt', () => {
  it('keeps a value short and printable, whatever it is', () => {
    expect(excerpt('x'.repeat(500))).toHaveLength(41);
    expect(excerpt([1, 2])).toBe('[1,2]');
    expect(excerpt(deepArray(100_000))).toBe('an array');
  });
});

function deepArray(depth: number): unknown[] {
  const root: unknown[] = [];
  let inner = root;
  for (let i = 0; i < depth; i++) {
    const next: unknown[] = [];
    inner[0] = next;
    inner = next;
  }
  return root;
}
