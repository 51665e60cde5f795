import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCnn } from './model';
import { EXPECTED_WEIGHT_BYTES, ModelFileError, checkModelFiles, defaultName, isModelMeta, sortByDate, type ModelMeta } from './persist';

let modelJson = '';

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
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  model.dispose();
});

function edited(
  change: (json: {
    format?: string;
    modelTopology: { config: { layers: { config: Record<string, unknown> }[] } };
    weightsManifest: { weights: { shape: number[] }[] }[];
  }) => void,
): string {
  const json = JSON.parse(modelJson) as Parameters<typeof change>[0];
  change(json);
  return JSON.stringify(json);
}

describe('checkModelFiles', () => {
  it('accepts this app’s own network with weights of the right size', () => {
    expect(EXPECTED_WEIGHT_BYTES).toBe(42_358 * 4);
    const checked = checkModelFiles(modelJson, EXPECTED_WEIGHT_BYTES);
    expect(checked.weightSpecs.map((spec) => spec.name)).toHaveLength(8);
  });

  it.each([
    ['text that is not JSON', () => '{ nope', EXPECTED_WEIGHT_BYTES, /not valid JSON/],
    ['a graph model', () => edited((json) => (json.format = 'graph-model')), EXPECTED_WEIGHT_BYTES, /not a layers model/],
    [
      'a layer too few',
      () => edited((json) => json.modelTopology.config.layers.splice(2, 1)),
      EXPECTED_WEIGHT_BYTES,
      /not this app's network/,
    ],
    [
      'another input size',
      () => edited((json) => ((json.modelTopology.config.layers[0] ?? { config: {} }).config.batch_input_shape = [null, 32, 32, 1])),
      EXPECTED_WEIGHT_BYTES,
      /28×28×1/,
    ],
    [
      'another output size',
      () => edited((json) => ((json.modelTopology.config.layers[9] ?? { config: {} }).config.units = 11)),
      EXPECTED_WEIGHT_BYTES,
      /10 classes/,
    ],
    [
      'a weight of the wrong shape',
      () => edited((json) => ((json.weightsManifest[0]?.weights[4] ?? { shape: [] }).shape = [400, 99])),
      EXPECTED_WEIGHT_BYTES,
      /dense_1\/kernel has shape \[400,99\]/,
    ],
    ['a weights file cut short', () => modelJson, 1000, /1000 bytes, not 169432/],
    ['something huge', () => modelJson, 11 * 2 ** 20, /larger than 10 MB/],
  ])('refuses %s, saying why', (_, json, bytes, message) => {
    expect(() => checkModelFiles(json(), bytes)).toThrow(ModelFileError);
    expect(() => checkModelFiles(json(), bytes)).toThrow(message);
  });
});

describe('model metadata', () => {
  const meta = (id: string, savedAt: string): ModelMeta => ({
    id,
    name: id,
    savedAt,
    epochs: 5,
    testAccuracy: 0.98,
    backend: 'wasm',
    seed: 42,
    trainingSeconds: 47,
  });

  it('recognises complete entries only', () => {
    expect(isModelMeta(meta('a', '2026-11-24T10:00:00Z'))).toBe(true);
    expect(isModelMeta({ ...meta('a', 'x'), epochs: '5' })).toBe(false);
    expect(isModelMeta({ ...meta('a', 'x'), testAccuracy: null })).toBe(true);
  });

  it('lists newest first and names models readably', () => {
    const list = sortByDate([meta('old', '2026-11-01T00:00:00Z'), meta('new', '2026-11-24T00:00:00Z')]);
    expect(list.map((m) => m.id)).toEqual(['new', 'old']);
    expect(defaultName(3, 5, 0.98271)).toBe('Model 3 · 98.27 % · 5 epochs');
    expect(defaultName(1, 1, null)).toBe('Model 1 · not evaluated · 1 epoch');
  });
});
