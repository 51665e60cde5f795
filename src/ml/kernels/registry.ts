import * as tf from '@tensorflow/tfjs';

export type KernelArgs = Parameters<tf.KernelFunc>[0];
export type Inputs = KernelArgs['inputs'];
export type Attrs = NonNullable<KernelArgs['attrs']>;

const replaced = new Set<string>();

export function single(result: tf.TensorInfo | tf.TensorInfo[]): tf.TensorInfo {
  const info = Array.isArray(result) ? result[0] : result;
  if (!info) throw new Error('a kernel returned no tensor');
  return info;
}

export function kernel(name: string, backendName: string): tf.KernelConfig {
  const config = tf.getKernel(name, backendName) as tf.KernelConfig | undefined;
  if (!config) throw new Error(`the ${backendName} backend has no ${name} kernel`);
  return config;
}

/** Runs another registered kernel from inside a kernel, on the same backend, without the engine. */
export function run(config: tf.KernelConfig, args: KernelArgs, inputs: Inputs, attrs: Attrs): tf.TensorInfo {
  return single(config.kernelFunc({ inputs, backend: args.backend, attrs }));
}

export function release(args: KernelArgs, ...infos: tf.TensorInfo[]): void {
  const backend = args.backend as { disposeData(dataId: object): boolean };
  for (const info of infos) backend.disposeData(info.dataId);
}

export function isUnit(value: unknown): boolean {
  return value === 1 || (Array.isArray(value) && value.every((v) => v === 1));
}

/**
 * Registers `make(original)` in place of a backend's kernel, once per `layer`. `original`
 * is the kernel it replaces (undefined where the backend has none), for the cases the
 * replacement does not handle; a second layer wraps the first.
 */
export function replaceKernel(
  name: string,
  backendName: string,
  make: (original: tf.KernelConfig | undefined) => tf.KernelFunc,
  layer = 'js',
): void {
  const key = `${backendName}/${name}/${layer}`;
  if (replaced.has(key)) return;
  const original = tf.getKernel(name, backendName) as tf.KernelConfig | undefined;
  const kernelFunc = make(original);
  if (original) tf.unregisterKernel(name, backendName);
  tf.registerKernel({ kernelName: name, backendName, kernelFunc });
  replaced.add(key);
}

/** Falls back to the original kernel, or explains why there is none. */
export function fallBack(original: tf.KernelConfig | undefined, args: KernelArgs, name: string, supported: string): tf.TensorInfo {
  if (original) return single(original.kernelFunc(args));
  throw new Error(`${name} on this backend supports only ${supported}`);
}
