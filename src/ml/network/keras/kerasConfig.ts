import type { OptimizerConfig } from '../../training/optimizers';
import type { LayerConfig, LayerKind, NetworkConfig } from '../network';
import { planOf, SNAKE_NAMES, type PlannedLayer } from '../plan';

/*
 * The configs Keras 3.10 writes for a network of the family: config.json of a .keras file, and
 * model_config and training_config of a legacy .h5. Keras 3.10's keys only, and all of them:
 * newer Keras reads an older file, 3.10 refuses keys it does not know (3.15's quantization_config).
 */

export const KERAS_VERSION = '3.10.0';
/** The model's name as Keras names a Sequential; it prefixes every weight's path in a legacy .h5. */
export const MODEL_NAME = 'sequential';

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

/** Keras' default names, in order: conv2d, conv2d_1, max_pooling2d…, dense_1 for the output layer (unsuffixed first, then _1, _2). */
export function kerasLayerNames(layers: readonly Pick<PlannedLayer, 'kind'>[]): string[] {
  const counts = new Map<LayerKind, number>();
  return layers.map(({ kind }) => {
    const n = counts.get(kind) ?? 0;
    counts.set(kind, n + 1);
    return n === 0 ? SNAKE_NAMES[kind] : `${SNAKE_NAMES[kind]}_${n}`;
  });
}

const serialised = (module: string, className: string, config: JsonObject): JsonObject => ({
  module,
  class_name: className,
  config,
  registered_name: null,
});

const FLOAT32_POLICY = serialised('keras', 'DTypePolicy', { name: 'float32' });
const initializer = (className: string, config: JsonObject = {}): JsonObject => serialised('keras.initializers', className, config);

const WEIGHTED_EXTRAS: JsonObject = {
  kernel_initializer: initializer('GlorotUniform', { seed: null }),
  bias_initializer: initializer('Zeros'),
  kernel_regularizer: null,
  bias_regularizer: null,
};

function settings(layer: LayerConfig): JsonObject {
  switch (layer.kind) {
    case 'conv2d':
      return {
        filters: layer.filters,
        kernel_size: [layer.kernel, layer.kernel],
        strides: [1, 1],
        padding: layer.padding,
        data_format: 'channels_last',
        dilation_rate: [1, 1],
        groups: 1,
        activation: layer.activation,
        use_bias: true,
        ...WEIGHTED_EXTRAS,
        activity_regularizer: null,
        kernel_constraint: null,
        bias_constraint: null,
      };
    case 'maxPooling2d':
      return { pool_size: [layer.size, layer.size], padding: 'valid', strides: [layer.size, layer.size], data_format: 'channels_last' };
    case 'batchNormalization':
      return {
        axis: -1,
        momentum: 0.99,
        epsilon: 0.001,
        center: true,
        scale: true,
        beta_initializer: initializer('Zeros'),
        gamma_initializer: initializer('Ones'),
        moving_mean_initializer: initializer('Zeros'),
        moving_variance_initializer: initializer('Ones'),
        beta_regularizer: null,
        gamma_regularizer: null,
        beta_constraint: null,
        gamma_constraint: null,
        synchronized: false,
      };
    case 'dropout':
      return { rate: layer.rate, seed: null, noise_shape: null };
    case 'flatten':
      return { data_format: 'channels_last' };
    case 'dense':
      return {
        units: layer.units,
        activation: layer.activation,
        use_bias: true,
        ...WEIGHTED_EXTRAS,
        kernel_constraint: null,
        bias_constraint: null,
      };
  }
}

/** Keras' two styles: a .keras file names each class's module; a legacy .h5 does not, and has no build configs. */
export type ConfigStyle = 'keras' | 'legacy';

// Its softmax is written over the linear activation, which the family's layers do not hold.
const OUTPUT_LAYER: LayerConfig = { kind: 'dense', units: 10, activation: 'linear' };

function layerEntries(network: NetworkConfig, style: ConfigStyle): JsonObject[] {
  const plan = planOf(network);
  const names = kerasLayerNames(plan.layers);
  const input: JsonObject = {
    class_name: 'InputLayer',
    config: { batch_shape: [null, 28, 28, 1], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer' },
  };
  let inputShape: readonly number[] = [28, 28, 1];
  const layers = plan.layers.map((planned, i): JsonObject => {
    const layer = network.layers[i] ?? OUTPUT_LAYER;
    const output = planned.row === null ? { activation: 'softmax' } : {};
    const config: JsonObject = { name: names[i] ?? planned.name, trainable: true, dtype: FLOAT32_POLICY, ...settings(layer), ...output };
    const entry: JsonObject = { class_name: planned.className, config };
    const built = [null, ...inputShape];
    inputShape = planned.outputShape;
    if (style === 'legacy') return entry;
    // Keras writes the input shape of the layers that build weights or need it (Flatten), as it saw them.
    const needsBuild = planned.weights.length > 0 || layer.kind === 'flatten';
    return { module: 'keras.layers', ...entry, registered_name: null, ...(needsBuild ? { build_config: { input_shape: built } } : {}) };
  });
  const inputEntry = style === 'keras' ? { module: 'keras.layers', ...input, registered_name: null } : input;
  return [inputEntry, ...layers];
}

function sequentialConfig(network: NetworkConfig, style: ConfigStyle): JsonObject {
  return {
    name: MODEL_NAME,
    trainable: true,
    dtype: FLOAT32_POLICY,
    layers: layerEntries(network, style),
    build_input_shape: [null, 28, 28, 1],
  };
}

/** Keras stores a float32 learning rate, written as the double it is (0.001 reads 0.0010000000474974513). */
const float32 = (value: number): number => Math.fround(value);

function optimizerSettings({ optimizer, learningRate }: OptimizerConfig): { className: string; config: JsonObject } {
  const base = (name: string): JsonObject => ({
    name,
    learning_rate: float32(learningRate),
    weight_decay: null,
    clipnorm: null,
    global_clipnorm: null,
    clipvalue: null,
    use_ema: false,
    ema_momentum: 0.99,
    ema_overwrite_frequency: null,
    loss_scale_factor: null,
    gradient_accumulation_steps: null,
  });
  // What tfjs trains with: its Adam and RMSprop use Keras' defaults, its SGD has no momentum.
  switch (optimizer) {
    case 'adam':
      return { className: 'Adam', config: { ...base('adam'), beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false } };
    case 'sgd':
      return { className: 'SGD', config: { ...base('SGD'), momentum: 0, nesterov: false } };
    case 'rmsprop':
      return { className: 'RMSprop', config: { ...base('rmsprop'), rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false } };
  }
}

const COMPILE_REST: JsonObject = {
  loss: 'sparse_categorical_crossentropy',
  loss_weights: null,
  metrics: ['accuracy'],
  weighted_metrics: null,
  run_eagerly: false,
  steps_per_execution: 1,
  // compile()'s own default: XLA where the backend has it.
  jit_compile: 'auto',
};

/** config.json of a .keras file: the model, built, and compiled as the tab compiled it. */
export function kerasModelJson(network: NetworkConfig, optimizer: OptimizerConfig): JsonObject {
  const { className, config } = optimizerSettings(optimizer);
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: sequentialConfig(network, 'keras'),
    registered_name: null,
    build_config: { input_shape: [null, 28, 28, 1] },
    compile_config: { optimizer: serialised('keras.optimizers', className, config), ...COMPILE_REST },
  };
}

/** The root attributes of a legacy .h5: model_config and training_config, as JSON. */
export function legacyConfigs(network: NetworkConfig, optimizer: OptimizerConfig): { modelConfig: JsonObject; trainingConfig: JsonObject } {
  const { className, config } = optimizerSettings(optimizer);
  return {
    modelConfig: { class_name: 'Sequential', config: sequentialConfig(network, 'legacy') },
    trainingConfig: { ...COMPILE_REST, optimizer_config: { class_name: className, config } },
  };
}

export function metadataJson(now: Date): JsonObject {
  // Keras' own format: 2026-12-01@08:30:50.
  const dateSaved = now.toISOString().slice(0, 19).replace('T', '@');
  return { keras_version: KERAS_VERSION, date_saved: dateSaved };
}

/** Settings Python must read as floats: SGD refuses `momentum: 0` ("must be a float"), and 0 is what JSON.stringify writes for 0.0. */
const FLOAT_KEYS = new Set(['learning_rate', 'momentum', 'rho', 'epsilon', 'beta_1', 'beta_2', 'ema_momentum', 'rate']);

/** JSON text as Python's json module writes it for Keras: a whole float under FLOAT_KEYS keeps its ".0". */
export function kerasJson(value: Json, key = ''): string {
  if (typeof value === 'number' && FLOAT_KEYS.has(key) && Number.isInteger(value)) return `${value}.0`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: Json) => kerasJson(item)).join(',')}]`;
  const entries = Object.entries(value).map(([name, item]) => `${JSON.stringify(name)}:${kerasJson(item, name)}`);
  return `{${entries.join(',')}}`;
}
