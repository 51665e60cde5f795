/**
 * What a saved or uploaded model must be to replace the current one: this app's
 * network in tfjs' layers format, weights included and of the right size. Pure,
 * so the page can refuse a bad file before anything changes.
 */

export const MAX_MODEL_BYTES = 10 * 2 ** 20;

/** The network's layer classes, in order, and its weights: what any model we accept must have. */
export const EXPECTED_LAYERS = [
  'Conv2D',
  'MaxPooling2D',
  'Dropout',
  'Conv2D',
  'MaxPooling2D',
  'Dropout',
  'Flatten',
  'Dense',
  'Dropout',
  'Dense',
] as const;

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

/** 42,358 float32 values. */
export const EXPECTED_WEIGHT_BYTES = EXPECTED_WEIGHTS.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0) * 4;

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export interface WeightSpec {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: 'float32';
}

/** The parts of a model.json the app loads: topology and weight specs, checked. */
export interface CheckedModelJson {
  readonly modelTopology: Record<string, unknown>;
  readonly weightSpecs: WeightSpec[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new ModelFileError(message);
}

function checkTopology(topology: unknown): Record<string, unknown> {
  if (!isRecord(topology) || !isRecord(topology.config)) fail('it has no model topology');
  const layers = topology.config.layers;
  if (topology.class_name !== 'Sequential' || !Array.isArray(layers)) fail('it is not a Sequential layers model');
  const classes = layers.map((layer: unknown) => (isRecord(layer) ? layer.class_name : undefined));
  if (classes.length !== EXPECTED_LAYERS.length || classes.some((name, i) => name !== EXPECTED_LAYERS[i])) {
    fail(`its layers (${classes.join(', ')}) are not this app's network`);
  }
  const first = layers[0] as unknown;
  const inputShape = isRecord(first) && isRecord(first.config) ? first.config.batch_input_shape : undefined;
  if (JSON.stringify(inputShape) !== JSON.stringify([null, 28, 28, 1])) fail('its input is not a 28×28×1 image');
  const last = layers[layers.length - 1] as unknown;
  const units = isRecord(last) && isRecord(last.config) ? last.config.units : undefined;
  if (units !== 10) fail('its output is not 10 classes');
  return topology;
}

function checkWeights(manifest: unknown): WeightSpec[] {
  if (!Array.isArray(manifest) || manifest.length === 0) fail('it has no weights manifest');
  const specs = manifest.flatMap((group: unknown) => (isRecord(group) && Array.isArray(group.weights) ? (group.weights as unknown[]) : []));
  if (specs.length !== EXPECTED_WEIGHTS.length) fail(`it lists ${specs.length} weights, not ${EXPECTED_WEIGHTS.length}`);
  return specs.map((spec, i) => {
    const expected = EXPECTED_WEIGHTS[i];
    if (!expected || !isRecord(spec) || typeof spec.name !== 'string' || !Array.isArray(spec.shape)) fail(`weight ${i + 1} is malformed`);
    if (spec.dtype !== 'float32' || JSON.stringify(spec.shape) !== JSON.stringify(expected.shape)) {
      fail(`weight ${spec.name} has shape ${JSON.stringify(spec.shape)}, not ${JSON.stringify(expected.shape)}`);
    }
    return { name: spec.name, shape: spec.shape as number[], dtype: 'float32' };
  });
}

/** Parses and checks a model.json and the size of its weights file; throws ModelFileError saying what is wrong. */
export function checkModelFiles(modelJsonText: string, weightBytes: number): CheckedModelJson {
  if (modelJsonText.length + weightBytes > MAX_MODEL_BYTES) fail(`it is larger than ${MAX_MODEL_BYTES / 2 ** 20} MB`);
  let json: unknown;
  try {
    json = JSON.parse(modelJsonText);
  } catch {
    fail('model.json is not valid JSON');
  }
  if (!isRecord(json)) fail('model.json is not a JSON object');
  if (json.format !== undefined && json.format !== 'layers-model') fail(`its format is ${JSON.stringify(json.format)}, not a layers model`);
  const modelTopology = checkTopology(json.modelTopology);
  const weightSpecs = checkWeights(json.weightsManifest);
  if (weightBytes !== EXPECTED_WEIGHT_BYTES) fail(`the weights file has ${weightBytes} bytes, not ${EXPECTED_WEIGHT_BYTES}`);
  return { modelTopology, weightSpecs };
}

/** What the app records beside each saved model. */
export interface ModelMeta {
  readonly id: string;
  readonly name: string;
  /** ISO 8601. */
  readonly savedAt: string;
  readonly epochs: number;
  readonly testAccuracy: number | null;
  readonly backend: string;
  readonly seed: number;
  readonly trainingSeconds: number;
}

export function isModelMeta(value: unknown): value is ModelMeta {
  if (!isRecord(value)) return false;
  return (
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.savedAt === 'string' &&
    typeof value.epochs === 'number' &&
    (value.testAccuracy === null || typeof value.testAccuracy === 'number') &&
    typeof value.backend === 'string' &&
    typeof value.seed === 'number' &&
    typeof value.trainingSeconds === 'number'
  );
}

/** Newest first. */
export function sortByDate(models: readonly ModelMeta[]): ModelMeta[] {
  return [...models].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/** A name a person can tell apart: "Model 3 · 98.27 % · 5 epochs". */
export function defaultName(index: number, epochs: number, testAccuracy: number | null): string {
  const accuracy = testAccuracy === null ? 'not evaluated' : `${(testAccuracy * 100).toFixed(2)} %`;
  return `Model ${index} · ${accuracy} · ${epochs} epoch${epochs === 1 ? '' : 's'}`;
}
