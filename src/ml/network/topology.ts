import { isOneOf } from '../choices';
import { NUM_CLASSES } from '../data/mnist';
import { isRecord } from '../json';
import { ACTIVATIONS, NETWORK_BOUNDS, PADDINGS, type Activation, type LayerConfig, type NetworkConfig } from './network';

/*
 * Reads the network a model.json describes (Keras' layer configs, as tfjs writes them),
 * layer by layer, into this app's description; a layer outside the family is refused,
 * naming the first thing that differs. Nothing of the file is handed to a deserialiser.
 */

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export function fail(message: string): never {
  throw new ModelFileError(message);
}

/** A short, printable excerpt of any value, for messages: never the whole of a hostile file. */
export function excerpt(value: unknown, max = 40): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : JSON.stringify(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : typeof value;
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Equal as JSON values, compared without recursion into anything deeper than the expected value. */
export function same(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => actual[i] === item);
  }
  return actual === expected;
}

type Config = Readonly<Record<string, unknown>>;

/** A layer's reader: its config's fields, and the words that name it in messages. */
class LayerReader {
  constructor(
    private readonly config: Config,
    /** "layer 3 (Conv2D)". */
    readonly where: string,
    /** "layer 3". */
    readonly position: string,
  ) {}

  /** A setting that must hold `expected` (absent: `ifAbsent`, when that is what Keras means by leaving it out). */
  require(key: string, expected: unknown, why: string, ifAbsent?: unknown): void {
    const present = Object.hasOwn(this.config, key) && this.config[key] !== undefined;
    if (!present && ifAbsent === undefined) fail(`${this.where} does not say its ${key}`);
    const actual = present ? this.config[key] : ifAbsent;
    if (!same(actual, expected)) fail(`${this.where} has ${key} ${excerpt(actual)}; ${why}`);
  }

  /** A square pair ([3, 3]) or a single number, as Keras and tfjs write sizes. */
  square(key: string): number {
    const value = this.config[key];
    const pair: unknown[] = Array.isArray(value) ? value : [value, value];
    const [a, b] = pair;
    if (typeof a !== 'number' || a !== b || (Array.isArray(value) && value.length !== 2)) {
      fail(`${this.where} has ${key} ${excerpt(value)}; this app trains square sizes only`);
    }
    return a;
  }

  get(key: string): unknown {
    return this.config[key];
  }

  /** A number within the family's bounds (whole unless `decimal`). */
  bounded(key: string, bounds: { readonly min: number; readonly max: number }, decimal = false): number {
    const value = this.config[key];
    if (typeof value !== 'number' || (!decimal && !Number.isInteger(value)) || value < bounds.min || value > bounds.max) {
      fail(`${this.where} has ${key} ${excerpt(value)}; this app trains ${bounds.min} to ${bounds.max}`);
    }
    return value;
  }

  activation(): Activation {
    const value = this.config.activation;
    if (typeof value !== 'string' || !isOneOf(ACTIVATIONS, value)) {
      fail(`${this.where} has activation ${excerpt(value)}; this app trains ${ACTIVATIONS.join(', ')}`);
    }
    return value;
  }
}

const CHANNELS_LAST = ['data_format', 'channels_last', 'this app reads channels_last images only', 'channels_last'] as const;

function readConv(layer: LayerReader): LayerConfig {
  const filters = layer.bounded('filters', NETWORK_BOUNDS.filters);
  const kernel = layer.square('kernel_size');
  if (kernel < NETWORK_BOUNDS.kernel.min || kernel > NETWORK_BOUNDS.kernel.max) {
    fail(`${layer.where} has kernel_size ${kernel}; this app trains ${NETWORK_BOUNDS.kernel.min} to ${NETWORK_BOUNDS.kernel.max}`);
  }
  layer.require('strides', [1, 1], 'this app trains stride 1 only', [1, 1]);
  const padding = layer.get('padding') ?? 'valid';
  if (typeof padding !== 'string' || !isOneOf(PADDINGS, padding))
    fail(`${layer.where} has padding ${excerpt(padding)}; this app trains valid and same`);
  layer.require('dilation_rate', [1, 1], 'this app trains undilated convolutions only', [1, 1]);
  layer.require('groups', 1, 'this app trains ungrouped convolutions only', 1);
  layer.require('use_bias', true, 'this app’s convolutions have biases', true);
  layer.require(...CHANNELS_LAST);
  return { kind: 'conv2d', filters, kernel, padding, activation: layer.activation() };
}

function readPool(layer: LayerReader): LayerConfig {
  const size = layer.square('pool_size');
  if (size !== 2 && size !== 3) fail(`${layer.where} has pool_size ${size}; this app pools 2×2 or 3×3`);
  // Keras writes null for "the pool size".
  if (layer.get('strides') !== null)
    layer.require('strides', [size, size], 'this app pools with strides equal to the pool size', [size, size]);
  layer.require('padding', 'valid', 'this app pools without padding', 'valid');
  layer.require(...CHANNELS_LAST);
  return { kind: 'maxPooling2d', size };
}

function readBatchNorm(layer: LayerReader): LayerConfig {
  const axis = layer.get('axis');
  if (!(axis === -1 || axis === 3 || same(axis, [3]) || same(axis, [-1]))) {
    fail(`${layer.where} has axis ${excerpt(axis)}; this app normalises the last axis only`);
  }
  const why = 'this app trains Keras’ defaults (momentum 0.99, epsilon 0.001, center and scale)';
  layer.require('momentum', 0.99, why, 0.99);
  layer.require('epsilon', 0.001, why, 0.001);
  layer.require('center', true, why, true);
  layer.require('scale', true, why, true);
  return { kind: 'batchNormalization' };
}

function readLayerOf(className: unknown, layer: LayerReader): LayerConfig {
  switch (className) {
    case 'Conv2D':
      return readConv(layer);
    case 'MaxPooling2D':
      return readPool(layer);
    case 'BatchNormalization':
      return readBatchNorm(layer);
    case 'Dropout':
      layer.require('noise_shape', null, 'this app drops single values only', null);
      return { kind: 'dropout', rate: layer.bounded('rate', NETWORK_BOUNDS.rate, true) };
    case 'Flatten':
      layer.require(...CHANNELS_LAST);
      return { kind: 'flatten' };
    case 'Dense':
      layer.require('use_bias', true, 'this app’s dense layers have biases', true);
      return { kind: 'dense', units: layer.bounded('units', NETWORK_BOUNDS.units), activation: layer.activation() };
    default:
      return fail(
        `${layer.position} is ${excerpt(className)}; this app trains Conv2D, MaxPooling2D, BatchNormalization, Dropout, Flatten and Dense`,
      );
  }
}

/** What a topology holds: the network, and each layer's name in the file (the weights are named after them). */
export interface ReadTopology {
  readonly network: NetworkConfig;
  readonly layerNames: readonly string[];
}

export function readTopology(topology: unknown): ReadTopology {
  if (!isRecord(topology) || !isRecord(topology.config)) fail('it has no model topology');
  const entries = topology.config.layers;
  if (topology.class_name !== 'Sequential' || !Array.isArray(entries)) fail('it is not a Sequential layers model');
  const list: unknown[] = entries;
  // Keras 3 lists an InputLayer first; tfjs puts the input's shape on the first layer instead.
  const layers = list.filter((entry) => !(isRecord(entry) && entry.class_name === 'InputLayer'));
  if (layers.length < 1) fail('it has no layers');
  if (layers.length > NETWORK_BOUNDS.layers + 1)
    fail(`it has ${layers.length} layers; this app trains at most ${NETWORK_BOUNDS.layers + 1}`);
  const network: LayerConfig[] = [];
  const layerNames: string[] = [];
  layers.forEach((entry, index) => {
    if (!isRecord(entry) || !isRecord(entry.config)) fail(`layer ${index + 1} is malformed`);
    const className = typeof entry.class_name === 'string' ? entry.class_name : 'a layer';
    const reader = new LayerReader(entry.config, `layer ${index + 1} (${className.slice(0, 30)})`, `layer ${index + 1}`);
    layerNames.push(typeof entry.config.name === 'string' ? entry.config.name : '');
    if (index === layers.length - 1) {
      if (className !== 'Dense') fail(`its last layer is ${excerpt(entry.class_name)}; this app’s networks end in Dense(10, softmax)`);
      reader.require('units', NUM_CLASSES, 'this app’s networks end in Dense(10, softmax)');
      reader.require('activation', 'softmax', 'this app’s networks end in Dense(10, softmax)');
      reader.require('use_bias', true, 'this app’s dense layers have biases', true);
      return;
    }
    network.push(readLayerOf(entry.class_name, reader));
  });
  checkInput(list);
  return { network: { layers: network }, layerNames };
}

function checkInput(entries: unknown): void {
  const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
  const config = isRecord(first) && isRecord(first.config) ? first.config : {};
  const shape = config.batch_input_shape ?? config.batch_shape;
  if (!same(shape, [null, 28, 28, 1])) fail('its input is not a 28×28×1 image');
  // Keras 3 writes a dtype policy object; tfjs and Keras 2 a name.
  if (typeof config.dtype === 'string' && config.dtype !== 'float32') fail(`its input is ${excerpt(config.dtype)}, not float32`);
}
