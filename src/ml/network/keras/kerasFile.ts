import { zipSync, strToU8, strFromU8 } from 'fflate';
import { isRecord } from '../../json';
import { readZipMembers } from '../../zipMembers';
import { NOTEBOOK_OPTIMIZER, readOptimizer, type OptimizerConfig } from '../../training/optimizers';
import type { WeightValues } from '../checkpoint';
import type { NetworkConfig } from '../network';
import { planNetwork } from '../plan';
import { fail, readTopology } from '../topology';
import { kerasFormatOf, MAX_KERAS_BYTES, type KerasFormat } from './formats';
import type { H5Attributes, H5Node, H5Reader } from './h5Tree';
import { KERAS_VERSION, kerasJson, kerasModelJson, legacyConfigs, metadataJson } from './kerasConfig';
import { kerasWeightNodes, legacyWeightNodes, readKerasWeights, readLegacyWeights } from './kerasWeights';

/*
 * Keras' two model files, both ways: `.keras` (Keras 3: a zip of metadata.json, config.json and
 * model.weights.h5) and the legacy `.h5` (model.save("x.h5")). Nothing of a file reaches a
 * deserialiser: the network is read layer by layer into this app's description, the weights are
 * checked against its plan, and the zip's members are capped before and while they are inflated.
 */

const MAX_CONFIG_BYTES = 2 ** 20;

/** What the worker's HDF5 library does for this module; the tests give it the same library in Node. */
export interface H5Codec {
  /** Writes the nodes in order into a new file; a group at path "" is the root, whose attributes it sets. */
  write(nodes: readonly H5Node[]): Uint8Array;
  /** Opens the bytes as HDF5 for the duration of `use`; throws ModelFileError if they are not HDF5. */
  read<T>(bytes: Uint8Array, use: (reader: H5Reader) => T): T;
}

export interface KerasExport {
  readonly network: NetworkConfig;
  readonly optimizer: OptimizerConfig;
  readonly weights: readonly WeightValues[];
}

export interface KerasImport {
  readonly network: NetworkConfig;
  readonly weights: WeightValues[];
  /** What the file is compiled with, if the app trains with it (kind and base rate); else the notebook's. */
  readonly optimizer: OptimizerConfig;
}

export function writeKerasFile(codec: H5Codec, format: KerasFormat, model: KerasExport, now = new Date()): Uint8Array {
  switch (format) {
    case 'keras': {
      const weights = codec.write(kerasWeightNodes(model.network, model.weights));
      // Stored, not deflated, as Keras writes it: float32 weights barely compress.
      return zipSync(
        {
          'metadata.json': strToU8(kerasJson(metadataJson(now))),
          'config.json': strToU8(kerasJson(kerasModelJson(model.network, model.optimizer))),
          'model.weights.h5': weights,
        },
        { level: 0, mtime: now },
      );
    }
    case 'h5': {
      const { modelConfig, trainingConfig } = legacyConfigs(model.network, model.optimizer);
      // Keras' legacy writer names TensorFlow's backend here; tfjs follows TensorFlow's layouts.
      const version = { backend: 'tensorflow', keras_version: KERAS_VERSION };
      const root: H5Attributes = { ...version, model_config: kerasJson(modelConfig), training_config: kerasJson(trainingConfig) };
      return codec.write([{ kind: 'group', path: '', attrs: root }, ...legacyWeightNodes(model.network, model.weights, version)]);
    }
  }
}

function parseConfig(text: string, where: string): unknown {
  if (text.length > MAX_CONFIG_BYTES) fail(`${where} is larger than ${MAX_CONFIG_BYTES / 2 ** 20} MB`);
  try {
    return JSON.parse(text);
  } catch {
    return fail(`${where} could not be read as JSON`);
  }
}

function networkOf(config: unknown): NetworkConfig {
  const { network } = readTopology(config);
  const result = planNetwork(network);
  if (!result.ok) fail(`its network cannot be trained here: ${result.refusal.message}`);
  return network;
}

/**
 * Keras keeps a learning rate in float32 and writes it as the double it is (0.001 as
 * 0.0010000000474974513): the shortest decimal of the same float32 is the rate as it was typed.
 */
function typedRate(rate: number): number {
  const single = Math.fround(rate);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(single.toPrecision(digits));
    if (Math.fround(shortest) === single) return shortest;
  }
  return single;
}

/**
 * The optimiser a file is compiled with, from Keras' serialised one ({ class_name: "Adam", config:
 * { learning_rate: … } }), when it is one the app trains with at a plain learning rate (not a
 * schedule's object); else the notebook's. It only describes the weights, so it never refuses a file.
 */
function compiledWith(serialised: unknown): OptimizerConfig {
  if (!isRecord(serialised) || typeof serialised.class_name !== 'string' || !isRecord(serialised.config)) return NOTEBOOK_OPTIMIZER;
  const rate = serialised.config.learning_rate;
  // Keras' class names (Adam, SGD, RMSprop) are the app's names but for case.
  return readOptimizer({ optimizer: serialised.class_name.toLowerCase(), learningRate: typeof rate === 'number' ? typedRate(rate) : rate });
}

/** A legacy .h5's optimiser, from its training_config attribute (none in a model saved uncompiled). */
function legacyOptimizer(reader: H5Reader): OptimizerConfig {
  try {
    const text = reader.text('', 'training_config');
    const config: unknown = text === null || text.length > MAX_CONFIG_BYTES ? null : JSON.parse(text);
    return compiledWith(isRecord(config) ? config.optimizer_config : null);
  } catch {
    // Unreadable JSON, or an attribute HDF5 cannot read as text: the weights are still good.
    return NOTEBOOK_OPTIMIZER;
  }
}

// metadata.json is not read: Keras does not check it either.
const MEMBER_CAPS: Readonly<Record<string, number>> = {
  'config.json': MAX_CONFIG_BYTES,
  'model.weights.h5': MAX_KERAS_BYTES,
};

/** The members a .keras file needs, each capped by its stated size and as it is inflated. */
function unzipKeras(bytes: Uint8Array): { config: string; weights: Uint8Array } {
  const members = readZipMembers(bytes, {
    caps: MEMBER_CAPS,
    total: MAX_KERAS_BYTES,
    keyOf: (path) => (Object.hasOwn(MEMBER_CAPS, path) ? path : null),
    refuse: fail,
  });
  const config = members['config.json'];
  const weights = members['model.weights.h5'];
  if (!config) fail('it has no config.json: a .keras file holds metadata.json, config.json and model.weights.h5');
  if (!weights) fail('it has no model.weights.h5: a .keras file holds metadata.json, config.json and model.weights.h5');
  return { config: strFromU8(config), weights };
}

/** Reads and checks a Keras file; throws ModelFileError naming the first thing that is wrong. */
export function readKerasFile(codec: H5Codec, bytes: Uint8Array): KerasImport {
  if (bytes.byteLength > MAX_KERAS_BYTES) fail(`it is larger than ${MAX_KERAS_BYTES / 2 ** 20} MB`);
  const format = kerasFormatOf(bytes);
  switch (format) {
    case 'keras': {
      const { config, weights } = unzipKeras(bytes);
      const parsed = parseConfig(config, 'config.json');
      const network = networkOf(parsed);
      if (kerasFormatOf(weights) !== 'h5') fail('its model.weights.h5 is not an HDF5 file');
      const compiled = isRecord(parsed) && isRecord(parsed.compile_config) ? parsed.compile_config.optimizer : null;
      return { network, weights: codec.read(weights, (reader) => readKerasWeights(reader, network)), optimizer: compiledWith(compiled) };
    }
    case 'h5':
      return codec.read(bytes, (reader) => {
        const config = reader.text('', 'model_config');
        if (config === null) fail('it has no model_config: it holds weights only (save_weights), not a model');
        const network = networkOf(parseConfig(config, 'its model_config'));
        const weights = readLegacyWeights(reader, network);
        // Read last: whatever is wrong with it, the network and weights are already taken.
        return { network, weights, optimizer: legacyOptimizer(reader) };
      });
    case null:
      return fail('it is neither a .keras file (a zip) nor an HDF5 file: its first bytes are neither’s signature');
  }
}
