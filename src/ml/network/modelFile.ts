/**
 * What an uploaded model must be to replace the current one: this app's network in
 * tfjs' layers format, layer for layer, with weights of the right size. Pure, so the
 * page can refuse a bad file before anything changes, and the worker checks again.
 * Nothing from the file is ever handed to tfjs' deserialiser: the worker builds its
 * own network and copies in the numbers, so a hostile topology can build nothing.
 */
import type { WeightValues } from './checkpoint';
import { isRecord } from '../json';

export const MAX_MODEL_BYTES = 10 * 2 ** 20;

/** How a layer must compute: each key's value, and what an absent key means (undefined: it must be there). */
interface ExpectedSetting {
  readonly key: string;
  readonly value: unknown;
  readonly ifAbsent?: unknown;
}

interface ExpectedLayer {
  readonly className: string;
  readonly settings: readonly ExpectedSetting[];
}

const conv = (filters: number): ExpectedLayer => ({
  className: 'Conv2D',
  settings: [
    { key: 'filters', value: filters },
    { key: 'kernel_size', value: [3, 3] },
    { key: 'strides', value: [1, 1], ifAbsent: [1, 1] },
    { key: 'padding', value: 'valid', ifAbsent: 'valid' },
    { key: 'data_format', value: 'channels_last', ifAbsent: 'channels_last' },
    { key: 'dilation_rate', value: [1, 1], ifAbsent: [1, 1] },
    { key: 'activation', value: 'relu' },
    { key: 'use_bias', value: true, ifAbsent: true },
  ],
});
const pool: ExpectedLayer = {
  className: 'MaxPooling2D',
  settings: [
    { key: 'pool_size', value: [2, 2] },
    // Keras writes null for "the pool size".
    { key: 'strides', value: [2, 2], ifAbsent: [2, 2] },
    { key: 'padding', value: 'valid', ifAbsent: 'valid' },
    { key: 'data_format', value: 'channels_last', ifAbsent: 'channels_last' },
  ],
};
const dropout = (rate: number): ExpectedLayer => ({
  className: 'Dropout',
  settings: [
    { key: 'rate', value: rate },
    { key: 'noise_shape', value: null, ifAbsent: null },
  ],
});
const dense = (units: number, activation: string): ExpectedLayer => ({
  className: 'Dense',
  settings: [
    { key: 'units', value: units },
    { key: 'activation', value: activation },
    { key: 'use_bias', value: true, ifAbsent: true },
  ],
});

/** The notebook's network as its model.json describes it (checked against buildCnn in the tests). */
export const EXPECTED_LAYERS: readonly ExpectedLayer[] = [
  conv(8),
  pool,
  dropout(0.2),
  conv(16),
  pool,
  dropout(0.2),
  { className: 'Flatten', settings: [{ key: 'data_format', value: 'channels_last', ifAbsent: 'channels_last' }] },
  dense(100, 'relu'),
  dropout(0.5),
  dense(10, 'softmax'),
];

/** The weights, in the order the layers have them, under the names this app's network gives them. */
export const EXPECTED_WEIGHTS: readonly { name: string; shape: readonly number[] }[] = [
  { name: 'conv2d_1/kernel', shape: [3, 3, 1, 8] },
  { name: 'conv2d_1/bias', shape: [8] },
  { name: 'conv2d_2/kernel', shape: [3, 3, 8, 16] },
  { name: 'conv2d_2/bias', shape: [16] },
  { name: 'dense_1/kernel', shape: [400, 100] },
  { name: 'dense_1/bias', shape: [100] },
  { name: 'dense_2/kernel', shape: [100, 10] },
  { name: 'dense_2/bias', shape: [10] },
];

/** Which layer each weight belongs to (its index in EXPECTED_LAYERS), and which of its weights it is. */
const WEIGHT_OWNERS: readonly { layer: number; part: 'kernel' | 'bias' }[] = [
  { layer: 0, part: 'kernel' },
  { layer: 0, part: 'bias' },
  { layer: 3, part: 'kernel' },
  { layer: 3, part: 'bias' },
  { layer: 7, part: 'kernel' },
  { layer: 7, part: 'bias' },
  { layer: 9, part: 'kernel' },
  { layer: 9, part: 'bias' },
];

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** 42,358 float32 values. */
export const EXPECTED_WEIGHT_BYTES = EXPECTED_WEIGHTS.reduce((sum, weight) => sum + size(weight.shape), 0) * 4;

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

/** What the checks found: the weights' specs, in order. */
export interface CheckedModelJson {
  readonly weightSpecs: readonly WeightSpec[];
}

function fail(message: string): never {
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
function same(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, i) => actual[i] === item);
  }
  return actual === expected;
}

function checkLayer(layer: unknown, index: number): string {
  const expected = EXPECTED_LAYERS[index];
  if (!expected) fail(`it has more than ${EXPECTED_LAYERS.length} layers; this app's network has ${EXPECTED_LAYERS.length}`);
  const where = `layer ${index + 1}`;
  if (!isRecord(layer) || !isRecord(layer.config)) fail(`${where} is malformed`);
  if (layer.class_name !== expected.className) {
    fail(`${where} is ${excerpt(layer.class_name)}; this app's network has ${expected.className} there`);
  }
  const { config } = layer;
  for (const setting of expected.settings) {
    const present = Object.hasOwn(config, setting.key) && config[setting.key] !== undefined;
    // Keras writes a pooling layer's strides as null to mean "the pool size".
    const actual =
      present && !(setting.key === 'strides' && expected.className === 'MaxPooling2D' && config.strides === null)
        ? config[setting.key]
        : setting.ifAbsent;
    if (!present && setting.ifAbsent === undefined) fail(`${where} (${expected.className}) does not say its ${setting.key}`);
    if (!same(actual, setting.value)) {
      fail(`${where} (${expected.className}) has ${setting.key} ${excerpt(actual)}; this app's network has ${excerpt(setting.value)}`);
    }
  }
  return typeof config.name === 'string' ? config.name : '';
}

/** Checks the topology layer by layer; returns each layer's name, for the weights' names. */
function checkTopology(topology: unknown): string[] {
  if (!isRecord(topology) || !isRecord(topology.config)) fail('it has no model topology');
  const layers = topology.config.layers;
  if (topology.class_name !== 'Sequential' || !Array.isArray(layers)) fail('it is not a Sequential layers model');
  const names = layers.map((layer: unknown, index) => checkLayer(layer, index));
  if (names.length !== EXPECTED_LAYERS.length) fail(`it has ${names.length} layers; this app's network has ${EXPECTED_LAYERS.length}`);
  const first: unknown = layers[0];
  const inputShape = isRecord(first) && isRecord(first.config) ? first.config.batch_input_shape : undefined;
  if (!same(inputShape, [null, 28, 28, 1])) fail('its input is not a 28×28×1 image');
  return names;
}

function checkWeights(manifest: unknown, layerNames: readonly string[]): WeightSpec[] {
  if (!Array.isArray(manifest) || manifest.length === 0) fail('it has no weights manifest');
  const specs = manifest.flatMap((group: unknown) => (isRecord(group) && Array.isArray(group.weights) ? (group.weights as unknown[]) : []));
  if (specs.length !== EXPECTED_WEIGHTS.length) fail(`it lists ${specs.length} weights, not ${EXPECTED_WEIGHTS.length}`);
  return specs.map((spec, i) => {
    const expected = EXPECTED_WEIGHTS[i];
    const owner = WEIGHT_OWNERS[i];
    if (!expected || !owner || !isRecord(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape)) {
      fail(`weight ${i + 1} is malformed`);
    }
    const name = excerpt(spec.name);
    if (spec.dtype !== undefined && spec.dtype !== 'float32') fail(`weight ${name} is ${excerpt(spec.dtype)}, not float32`);
    if (!same(spec.shape, expected.shape)) fail(`weight ${name} has shape ${excerpt(spec.shape)}, not ${JSON.stringify(expected.shape)}`);
    // The weights must belong to the layers the topology names, in order: a renamed weight is another model's.
    const layer = layerNames[owner.layer] ?? '';
    if (spec.name !== `${layer}/${owner.part}`) fail(`weight ${i + 1} is named ${name}, not ${JSON.stringify(`${layer}/${owner.part}`)}`);
    return { name: spec.name, shape: expected.shape };
  });
}

/** Parses and checks a model.json and the size of its weights file; throws ModelFileError saying what is wrong. */
export function checkModelFiles(modelJsonText: string, weightBytes: number): CheckedModelJson {
  if (modelJsonText.length + weightBytes > MAX_MODEL_BYTES) fail(`it is larger than ${MAX_MODEL_BYTES / 2 ** 20} MB`);
  let json: unknown;
  try {
    json = JSON.parse(modelJsonText);
  } catch {
    fail('model.json could not be read as JSON');
  }
  if (!isRecord(json)) fail('model.json is not a JSON object');
  if (json.format !== undefined && json.format !== 'layers-model') fail(`its format is ${excerpt(json.format)}, not a layers model`);
  const layerNames = checkTopology(json.modelTopology);
  const weightSpecs = checkWeights(json.weightsManifest, layerNames);
  if (weightBytes !== EXPECTED_WEIGHT_BYTES) fail(`the weights file has ${weightBytes} bytes, not ${EXPECTED_WEIGHT_BYTES}`);
  return { weightSpecs };
}

/**
 * The float32 values of a weights file, one entry a weight, under this app's names
 * (the file's own may differ, as a Keras export's do).
 */
export function decodeWeights(specs: readonly WeightSpec[], data: ArrayBuffer): WeightValues[] {
  if (data.byteLength !== EXPECTED_WEIGHT_BYTES) fail(`the weights file has ${data.byteLength} bytes, not ${EXPECTED_WEIGHT_BYTES}`);
  let offset = 0;
  return EXPECTED_WEIGHTS.map((expected, i) => {
    if (!same(specs[i]?.shape, expected.shape)) fail(`weight ${i + 1} does not have the shape ${JSON.stringify(expected.shape)}`);
    const count = size(expected.shape);
    const values = new Float32Array(data.slice(offset, offset + count * 4));
    offset += count * 4;
    return { name: expected.name, shape: [...expected.shape], values };
  });
}
