import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WeightValues } from '../../ml/network/checkpoint';
import type { H5Node } from '../../ml/network/keras/h5Tree';
import { KERAS_VERSION, legacyConfigs } from '../../ml/network/keras/kerasConfig';
import { readKerasFile, type H5Codec } from '../../ml/network/keras/kerasFile';
import { kerasWeightNodes, legacyWeightNodes } from '../../ml/network/keras/kerasWeights';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { planOf, plannedWeights } from '../../ml/network/plan';
import { ModelFileError } from '../../ml/network/topology';
import { NOTEBOOK_OPTIMIZER } from '../../ml/training/optimizers';
import { h5wasmCodec } from './h5wasmCodec';
import { lyingZip, twinZip } from '../../ml/zipTesting';
import { fixtureBytes, kerasMembers, withConfig, writeNodesAs } from './kerasTesting';

let codec: H5Codec;
beforeAll(async () => {
  codec = await h5wasmCodec();
});

const weights = (): WeightValues[] =>
  plannedWeights(planOf(NOTEBOOK_NETWORK)).map((weight) => ({
    name: weight.name,
    shape: [...weight.shape],
    values: new Float32Array(weight.shape.reduce((a, b) => a * b, 1)).fill(0.25),
  }));

const version = { backend: 'tensorflow', keras_version: KERAS_VERSION };

/** A legacy .h5 of the notebook's network, with `edit` applied to its nodes first. */
function legacyNodes(edit: (nodes: H5Node[]) => H5Node[] = (nodes) => nodes, withConfig = true): H5Node[] {
  const { modelConfig, trainingConfig } = legacyConfigs(NOTEBOOK_NETWORK, NOTEBOOK_OPTIMIZER);
  const root: H5Node = {
    kind: 'group',
    path: '',
    attrs: withConfig
      ? { ...version, model_config: JSON.stringify(modelConfig), training_config: JSON.stringify(trainingConfig) }
      : version,
  };
  return [root, ...edit(legacyWeightNodes(NOTEBOOK_NETWORK, weights(), version))];
}

/** A .keras file of the notebook's network whose model.weights.h5 is made of these nodes. */
function kerasWith(nodes: readonly H5Node[]): Uint8Array {
  const { config, metadata } = kerasMembers(fixtureBytes('notebook-cnn.keras'));
  const text = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
  return zipSync({ 'metadata.json': text(metadata), 'config.json': text(config), 'model.weights.h5': codec.write(nodes) });
}

const refusal = (bytes: Uint8Array): string => {
  try {
    readKerasFile(codec, bytes);
  } catch (error) {
    if (error instanceof ModelFileError) return error.message;
    throw error;
  }
  throw new Error('the file was taken');
};

const KERNEL = 'model_weights/conv2d/sequential/conv2d/kernel';

describe('a Keras file that is refused, with the first thing that is wrong', () => {
  it('a truncated .keras file, and bytes of neither kind', () => {
    const bytes = fixtureBytes('notebook-cnn.keras');
    expect(refusal(bytes.slice(0, bytes.length / 2))).toBe('it could not be read as a zip file: it may be truncated or damaged');
    expect(refusal(new TextEncoder().encode('{"not": "a model"}'))).toMatch(/^it is neither a \.keras file \(a zip\) nor an HDF5 file/);
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe(
      'it could not be read as a zip file: it may be truncated or damaged',
    );
  });

  it('a truncated .h5 file', () => {
    const bytes = fixtureBytes('notebook-cnn.h5');
    expect(refusal(bytes.slice(0, 4096))).toMatch(/could not be opened as HDF5|has no model_config|could not be read/);
  });

  it('a zip bomb: its config.json would unpack to 64 MB, refused before it is inflated; one that lies about its size, as it is', () => {
    const bomb = zipSync({ 'config.json': new Uint8Array(64 * 2 ** 20) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(bomb)).toBe('its config.json would unpack to 64 MB; at most 1 MB is read');
    const liar = lyingZip('config.json', new Uint8Array(64 * 2 ** 20), 100);
    // Stopped at the cap as it inflates: fflate's own inflater would decode all 64 MB into a 100-byte buffer.
    expect(refusal(liar)).toBe('its config.json unpacks to more than 1 MB');
  });

  it('a zip that lists a member twice', () => {
    const { config } = kerasMembers(fixtureBytes('notebook-cnn.keras'));
    const text = new TextEncoder().encode(JSON.stringify(config));
    expect(refusal(twinZip({ 'config.json': text, 'config.jsoo': text }, 'config.jsoo', 'config.json'))).toBe('it lists config.json twice');
  });

  it('a network outside the family', () => {
    const strided = withConfig(fixtureBytes('notebook-cnn.keras'), (config) => {
      const conv = config.config.layers[1];
      if (conv) conv.config.strides = [2, 2];
    });
    expect(refusal(strided)).toBe('layer 1 (Conv2D) has strides [2,2]; this app trains stride 1 only');
  });

  it('a weight of the wrong shape, a float64 kernel, NaN', async () => {
    const reshaped = legacyNodes((nodes) => nodes.map((node) => (node.path === KERNEL ? { ...node, shape: [3, 3, 8, 1] } : node)));
    expect(refusal(codec.write(reshaped))).toBe(`weight "${KERNEL}" (kernel) has shape [3,3,8,1], not [3,3,1,8]`);
    const float64 = await writeNodesAs(legacyNodes(), (path) => (path === KERNEL ? '<d' : '<f'));
    expect(refusal(float64)).toBe(`weight "${KERNEL}" (kernel) is float64, not float32`);
    const poisoned = legacyNodes((nodes) =>
      nodes.map((node) =>
        node.kind === 'dataset' && node.path.endsWith('dense/bias') ? { ...node, values: new Float32Array(100).fill(Number.NaN) } : node,
      ),
    );
    expect(refusal(codec.write(poisoned))).toBe('weight "model_weights/dense/sequential/dense/bias" (bias) holds NaN or infinity');
  });

  it('a weight stored compressed, which could declare gigabytes in a small file', async () => {
    const gzipped = await writeNodesAs(legacyNodes(), (path) => (path === KERNEL ? 'gzip' : '<f'));
    expect(refusal(gzipped)).toBe(
      `weight "${KERNEL}" (kernel) is stored compressed, virtual or in oversized chunks, which Keras never writes`,
    );
  });

  it('weights only (save_weights), and a layer with a variable too many', () => {
    expect(refusal(codec.write(legacyNodes(undefined, false)))).toBe(
      'it has no model_config: it holds weights only (save_weights), not a model',
    );
    const extra: H5Node = { kind: 'dataset', path: 'layers/dense/vars/2', shape: [1], values: new Float32Array(1) };
    expect(refusal(kerasWith([...kerasWeightNodes(NOTEBOOK_NETWORK, weights()), extra]))).toBe(
      'layer dense has 3 weights in model.weights.h5; its network’s Dense has 2',
    );
  });
});
