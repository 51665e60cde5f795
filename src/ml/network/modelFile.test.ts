import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from './build';
import { EXPECTED_LAYERS, EXPECTED_WEIGHT_BYTES, ModelFileError, checkModelFiles, decodeWeights, excerpt } from './modelFile';

interface ModelJson {
  format?: string;
  modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  weightsManifest: { weights: { name: string; shape: unknown; dtype?: string }[] }[];
}

let modelJson = '';
let weightData = new ArrayBuffer(0);

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = buildCnn({ seed: 1 });
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      modelJson = JSON.stringify({
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
      });
      if (artifacts.weightData instanceof ArrayBuffer) weightData = artifacts.weightData;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  model.dispose();
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
  it('accepts this app’s own network with weights of the right size', () => {
    expect(EXPECTED_WEIGHT_BYTES).toBe(42_358 * 4);
    expect(checkModelFiles(modelJson, EXPECTED_WEIGHT_BYTES).weightSpecs).toHaveLength(8);
  });

  it('describes buildCnn exactly: every layer’s class and every setting it checks', () => {
    const layers = (JSON.parse(modelJson) as ModelJson).modelTopology.config.layers;
    expect(layers.map((entry) => entry.class_name)).toEqual(EXPECTED_LAYERS.map((expected) => expected.className));
    layers.forEach((entry, i) => {
      for (const setting of EXPECTED_LAYERS[i]?.settings ?? [])
        expect(entry.config[setting.key] ?? setting.ifAbsent).toEqual(setting.value);
    });
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
    expect(checkModelFiles(keras, EXPECTED_WEIGHT_BYTES).weightSpecs[0]?.name).toBe('conv2d/kernel');
  });

  it.each([
    ['text that is not JSON', () => '{ nope', EXPECTED_WEIGHT_BYTES, 'model.json could not be read as JSON'],
    ['a graph model', () => edited((json) => (json.format = 'graph-model')), EXPECTED_WEIGHT_BYTES, 'not a layers model'],
    [
      'a layer too few',
      () => edited((json) => json.modelTopology.config.layers.splice(2, 1)),
      EXPECTED_WEIGHT_BYTES,
      'layer 3 is "Conv2D"; this app\'s network has Dropout there',
    ],
    [
      'another input size',
      () => edited((json) => (layer(json, 0).batch_input_shape = [null, 32, 32, 1])),
      EXPECTED_WEIGHT_BYTES,
      '28×28×1',
    ],
    [
      'another output size',
      () => edited((json) => (layer(json, 9).units = 11)),
      EXPECTED_WEIGHT_BYTES,
      "layer 10 (Dense) has units 11; this app's network has 10",
    ],
    [
      'a convolution with another stride',
      () => edited((json) => (layer(json, 0).strides = [2, 2])),
      EXPECTED_WEIGHT_BYTES,
      "layer 1 (Conv2D) has strides [2,2]; this app's network has [1,1]",
    ],
    [
      'a linear first convolution',
      () => edited((json) => (layer(json, 0).activation = 'linear')),
      EXPECTED_WEIGHT_BYTES,
      'layer 1 (Conv2D) has activation "linear"; this app\'s network has "relu"',
    ],
    [
      'an activation left out (tfjs would make it linear)',
      () => edited((json) => delete layer(json, 9).activation),
      EXPECTED_WEIGHT_BYTES,
      'layer 10 (Dense) does not say its activation',
    ],
    ['another dropout rate', () => edited((json) => (layer(json, 8).rate = 0.1)), EXPECTED_WEIGHT_BYTES, 'has rate 0.1'],
    [
      'a weight of the wrong shape',
      () => edited((json) => (weight(json, 4).shape = [400, 99])),
      EXPECTED_WEIGHT_BYTES,
      'weight "dense_1/kernel" has shape [400,99], not [400,100]',
    ],
    [
      'a renamed weight',
      () => edited((json) => (weight(json, 0).name = 'other/kernel')),
      EXPECTED_WEIGHT_BYTES,
      'weight 1 is named "other/kernel", not "conv2d_1/kernel"',
    ],
    ['integer weights', () => edited((json) => (weight(json, 1).dtype = 'int32')), EXPECTED_WEIGHT_BYTES, 'is "int32", not float32'],
    [
      'a shape nested 100,000 deep',
      // Built as text: the test's own JSON.stringify could not write it.
      () => edited((json) => (weight(json, 0).shape = 'DEEP')).replace('"DEEP"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      EXPECTED_WEIGHT_BYTES,
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
  it('gives back the model’s own values under this app’s names', async () => {
    const { weightSpecs } = checkModelFiles(modelJson, weightData.byteLength);
    const decoded = decodeWeights(weightSpecs, weightData);
    const model = buildCnn({ seed: 1 });
    const expected = await Promise.all(model.getWeights().map((tensor) => tensor.data()));
    model.dispose();
    expect(decoded.map((entry) => entry.name)).toEqual([
      'conv2d_1/kernel',
      'conv2d_1/bias',
      'conv2d_2/kernel',
      'conv2d_2/bias',
      'dense_1/kernel',
      'dense_1/bias',
      'dense_2/kernel',
      'dense_2/bias',
    ]);
    decoded.forEach((entry, i) => {
      expect(Array.from(entry.values)).toEqual(Array.from(expected[i] ?? []));
    });
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
