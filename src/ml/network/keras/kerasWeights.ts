import type { WeightValues } from '../checkpoint';
import type { NetworkConfig } from '../network';
import { planOf, type NetworkPlan, type PlannedLayer, type PlannedWeight } from '../plan';
import { excerpt, fail, same } from '../topology';
import type { H5Node, H5Reader } from './h5Tree';
import { kerasLayerNames, MODEL_NAME } from './kerasConfig';

/*
 * Where Keras keeps each weight: `layers/conv2d/vars/0` in a .keras file's model.weights.h5,
 * `model_weights/conv2d/sequential/conv2d/kernel` in a legacy .h5 (read through each layer's
 * `weight_names`, in order, as Keras pairs them). Writing lays the tab's weights out so; reading
 * checks every weight's type, shape and values against the plan before any is taken.
 */

/** The most layer groups a legacy file may list: the family's 25 layers, with room for Keras' extras. */
const MAX_LISTED_LAYERS = 64;
/** BatchNormalization's four, with room: a list longer than this is not read. */
const MAX_WEIGHTS_PER_LAYER = 8;

interface KerasLayer {
  readonly planned: PlannedLayer;
  /** Keras' default name, and its path in model.weights.h5. */
  readonly name: string;
}

function kerasLayers(plan: NetworkPlan): KerasLayer[] {
  const names = kerasLayerNames(plan.layers);
  return plan.layers.map((planned, i) => ({ planned, name: names[i] ?? planned.name }));
}

/** The part of a planned weight's name after its layer: kernel, bias, gamma, moving_mean… */
const part = (weight: PlannedWeight): string => weight.name.slice(weight.name.indexOf('/') + 1);

function valuesByName(weights: readonly WeightValues[]): (weight: PlannedWeight) => Float32Array {
  const byName = new Map(weights.map((weight) => [weight.name, weight.values]));
  return (weight) => {
    const values = byName.get(weight.name);
    if (!values) throw new Error(`the model has no values for ${weight.name}`);
    return values;
  };
}

/** model.weights.h5 of a .keras file. Without optimizer state: Keras loads such a file with a warning, and a fresh Adam. */
export function kerasWeightNodes(network: NetworkConfig, weights: readonly WeightValues[]): H5Node[] {
  const valuesOf = valuesByName(weights);
  const nodes: H5Node[] = [{ kind: 'group', path: 'layers' }];
  for (const { planned, name } of kerasLayers(planOf(network))) {
    const vars = `layers/${name}/vars`;
    nodes.push({ kind: 'group', path: `layers/${name}` }, { kind: 'group', path: vars, attrs: { name } });
    planned.weights.forEach((weight, i) => {
      nodes.push({ kind: 'dataset', path: `${vars}/${i}`, shape: weight.shape, values: valuesOf(weight) });
    });
  }
  nodes.push({ kind: 'group', path: 'vars', attrs: { name: MODEL_NAME } });
  return nodes;
}

/** The groups and datasets of a legacy .h5 under its root, whose attributes the caller sets. */
export function legacyWeightNodes(network: NetworkConfig, weights: readonly WeightValues[], version: Record<string, string>): H5Node[] {
  const valuesOf = valuesByName(weights);
  const layers = kerasLayers(planOf(network));
  const nodes: H5Node[] = [{ kind: 'group', path: 'model_weights', attrs: { ...version, layer_names: layers.map((layer) => layer.name) } }];
  for (const { planned, name } of layers) {
    const weightNames = planned.weights.map((weight) => `${MODEL_NAME}/${name}/${part(weight)}`);
    nodes.push({ kind: 'group', path: `model_weights/${name}`, attrs: { weight_names: weightNames } });
    if (planned.weights.length === 0) continue;
    nodes.push(
      { kind: 'group', path: `model_weights/${name}/${MODEL_NAME}` },
      { kind: 'group', path: `model_weights/${name}/${MODEL_NAME}/${name}` },
    );
    planned.weights.forEach((weight, i) => {
      nodes.push({ kind: 'dataset', path: `model_weights/${name}/${weightNames[i]}`, shape: weight.shape, values: valuesOf(weight) });
    });
  }
  nodes.push({ kind: 'group', path: 'model_weights/top_level_model_weights', attrs: { weight_names: [] } });
  return nodes;
}

/** One weight, checked: float32, the plan's shape, every value finite. */
function readWeight(reader: H5Reader, path: string, weight: PlannedWeight): WeightValues {
  const where = `${excerpt(path, 80)} (${part(weight)})`;
  const description = reader.describe(path);
  if (!description) fail(`it has no weight ${where}`);
  if (description.dtype !== 'float32') fail(`weight ${where} is ${description.dtype}, not float32`);
  if (!description.plain) fail(`weight ${where} is stored compressed, virtual or in oversized chunks, which Keras never writes`);
  if (!same(description.shape, weight.shape))
    fail(`weight ${where} has shape ${JSON.stringify(description.shape)}, not ${JSON.stringify(weight.shape)}`);
  const values = reader.floats(path);
  const size = weight.shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) fail(`weight ${where} holds ${values.length} values, not ${size}`);
  if (!values.every(Number.isFinite)) fail(`weight ${where} holds NaN or infinity`);
  return { name: weight.name, shape: [...weight.shape], values };
}

/** The weights of a .keras file's model.weights.h5, under this app's names, in the plan's order. */
export function readKerasWeights(reader: H5Reader, network: NetworkConfig): WeightValues[] {
  if (!reader.members('layers')) fail('model.weights.h5 has no layers group');
  return kerasLayers(planOf(network)).flatMap(({ planned, name }) => {
    const vars = `layers/${name}/vars`;
    // Keras counts a missing group as a layer without weights.
    const members = reader.members(vars) ?? [];
    if (members.length !== planned.weights.length)
      fail(
        `layer ${name} has ${members.length} weights in model.weights.h5; its network’s ${planned.className} has ${planned.weights.length}`,
      );
    return planned.weights.map((weight, i) => readWeight(reader, `${vars}/${i}`, weight));
  });
}

/** The weights of a legacy .h5, paired with the network's weighted layers in order, as Keras pairs them. */
export function readLegacyWeights(reader: H5Reader, network: NetworkConfig): WeightValues[] {
  const listed = reader.texts('model_weights', 'layer_names', MAX_LISTED_LAYERS);
  if (!listed) fail(`it has no model_weights group listing its layers as text (at most ${MAX_LISTED_LAYERS})`);
  const withWeights = listed.flatMap((name) => {
    const weightNames = reader.texts(`model_weights/${name}`, 'weight_names', MAX_WEIGHTS_PER_LAYER);
    if (weightNames === null && !reader.members(`model_weights/${name}`)) fail(`layer ${excerpt(name)} is listed but has no group`);
    return weightNames && weightNames.length > 0 ? [{ name, weightNames }] : [];
  });
  const planned = planOf(network).layers.filter((layer) => layer.weights.length > 0);
  if (withWeights.length !== planned.length)
    fail(`it has weights for ${withWeights.length} layers; its network has ${planned.length} layers with weights`);
  return planned.flatMap((layer, i) => {
    const { name, weightNames } = withWeights[i] ?? { name: '', weightNames: [] };
    if (weightNames.length !== layer.weights.length)
      fail(`layer ${excerpt(name)} has ${weightNames.length} weights; its network’s ${layer.className} has ${layer.weights.length}`);
    return layer.weights.map((weight, j) => readWeight(reader, `model_weights/${name}/${weightNames[j] ?? ''}`, weight));
  });
}
