/**
 * What an uploaded model must be to replace the current one: a network of this app's family
 * in tfjs' layers format, with the weights its plan names, of the right shapes and size.
 * Pure, so the page can refuse a bad file before anything changes, and the worker checks
 * again. Nothing from the file is ever handed to tfjs' deserialiser: the worker builds the
 * network from its own description and copies in the numbers, so a hostile topology builds nothing.
 */
import type { WeightValues } from './checkpoint';
import { isRecord } from '../json';
import type { NetworkConfig } from './network';
import { planNetwork, plannedWeights, type NetworkPlan, type PlannedWeight } from './plan';
import { excerpt, fail, readTopology, same } from './topology';

export { ModelFileError, excerpt } from './topology';

export const MAX_MODEL_BYTES = 10 * 2 ** 20;

export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

/** What the checks found: the file's network, and its weights' specs in the file's order under this app's names. */
export interface CheckedModelJson {
  readonly network: NetworkConfig;
  readonly weightSpecs: readonly WeightSpec[];
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** float32 bytes of a network's weights: 169,432 for the notebook's. */
export function weightBytes(weights: readonly WeightSpec[]): number {
  return weights.reduce((sum, weight) => sum + size(weight.shape), 0) * 4;
}

/**
 * Matches the file's weights to the plan's by name (`<the file's layer name>/kernel`), in the
 * file's order, which its weights file follows: tfjs lists moving averages after every trainable weight.
 */
function checkWeights(manifest: unknown, layerNames: readonly string[], plan: NetworkPlan): WeightSpec[] {
  if (!Array.isArray(manifest) || manifest.length === 0) fail('it has no weights manifest');
  const groups: unknown[] = manifest;
  const specs = groups.flatMap((group): unknown[] => (isRecord(group) && Array.isArray(group.weights) ? group.weights : []));
  // The plan's names are this app's (conv2d_1/kernel); the file's use its own layer names (Keras' conv2d/kernel).
  const byFileName = new Map<string, PlannedWeight>();
  plan.layers.forEach((layer, index) => {
    for (const weight of layer.weights) byFileName.set(`${layerNames[index] ?? ''}${weight.name.slice(layer.name.length)}`, weight);
  });
  if (specs.length !== byFileName.size) fail(`it lists ${specs.length} weights; its network has ${byFileName.size}`);
  const seen = new Set<string>();
  return specs.map((spec, i) => {
    if (!isRecord(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape)) fail(`weight ${i + 1} is malformed`);
    const name = excerpt(spec.name);
    const expected = byFileName.get(spec.name);
    if (!expected || seen.has(spec.name))
      fail(`weight ${i + 1} is named ${name}, which is not a weight of its layers (or is listed twice)`);
    seen.add(spec.name);
    if (spec.dtype !== undefined && spec.dtype !== 'float32') fail(`weight ${name} is ${excerpt(spec.dtype)}, not float32`);
    if (!same(spec.shape, expected.shape)) fail(`weight ${name} has shape ${excerpt(spec.shape)}, not ${JSON.stringify(expected.shape)}`);
    return { name: expected.name, shape: expected.shape };
  });
}

/** Parses and checks a model.json and the size of its weights file; throws ModelFileError saying what is wrong. */
export function checkModelFiles(modelJsonText: string, weightsSize: number): CheckedModelJson {
  if (modelJsonText.length + weightsSize > MAX_MODEL_BYTES) fail(`it is larger than ${MAX_MODEL_BYTES / 2 ** 20} MB`);
  let json: unknown;
  try {
    json = JSON.parse(modelJsonText);
  } catch {
    fail('model.json could not be read as JSON');
  }
  if (!isRecord(json)) fail('model.json is not a JSON object');
  if (json.format !== undefined && json.format !== 'layers-model') fail(`its format is ${excerpt(json.format)}, not a layers model`);
  const { network, layerNames } = readTopology(json.modelTopology);
  const result = planNetwork(network);
  if (!result.ok) fail(`its network cannot be trained here: ${result.refusal.message}`);
  const weightSpecs = checkWeights(json.weightsManifest, layerNames, result.plan);
  const expectedBytes = weightBytes(plannedWeights(result.plan));
  if (weightsSize !== expectedBytes) fail(`the weights file has ${weightsSize} bytes, not ${expectedBytes}`);
  return { network, weightSpecs };
}

/** The float32 values of a weights file, one entry a weight, under this app's names, in the specs' order. */
export function decodeWeights(specs: readonly WeightSpec[], data: ArrayBuffer): WeightValues[] {
  const expectedBytes = weightBytes(specs);
  if (data.byteLength !== expectedBytes) fail(`the weights file has ${data.byteLength} bytes, not ${expectedBytes}`);
  let offset = 0;
  return specs.map((spec) => {
    const count = size(spec.shape);
    const values = new Float32Array(data.slice(offset, offset + count * 4));
    offset += count * 4;
    return { name: spec.name, shape: [...spec.shape], values };
  });
}
