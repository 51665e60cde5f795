import * as tf from '@tensorflow/tfjs';
import { webGlContext, webGpuDevice } from '../worker/engines/gpuHealth';
import type { BackendName } from '../ml/engines/backend';
import type { Fault } from './protocol';

/**
 * Real faults for the end-to-end tests. Losing the GPU goes through the browser's own
 * mechanisms (WEBGL_lose_context, GPUDevice.destroy); a NaN written into a kernel is
 * what a diverging run leaves behind, without waiting for one. False when there is
 * nothing to act on.
 */
export function injectFault(fault: Fault, model: tf.LayersModel, backend: BackendName | null): boolean {
  switch (fault) {
    case 'lose-gpu':
      return loseGpu(backend);
    case 'nan-weights':
      return poisonOutputLayer(model);
  }
}

function loseGpu(backend: BackendName | null): boolean {
  if (backend === 'webgl') {
    const extension = webGlContext()?.getExtension('WEBGL_lose_context');
    extension?.loseContext();
    return Boolean(extension);
  }
  if (backend === 'webgpu') {
    const device = webGpuDevice();
    device?.destroy();
    return Boolean(device);
  }
  return false;
}

/** The output layer: a NaN there reaches the loss on every backend. */
function poisonOutputLayer(model: tf.LayersModel): boolean {
  const layer = [...model.layers].reverse().find((candidate) => candidate.getWeights().length > 0);
  const [kernel, ...rest] = layer?.getWeights() ?? [];
  if (!layer || !kernel) return false;
  const poisoned = tf.tidy(() => {
    const first = tf
      .oneHot(tf.tensor1d([0], 'int32'), kernel.size)
      .reshape([kernel.size])
      .cast('bool');
    return tf.where(first, tf.fill([kernel.size], Number.NaN), kernel.flatten()).reshape(kernel.shape);
  });
  layer.setWeights([poisoned, ...rest]);
  poisoned.dispose();
  return true;
}
