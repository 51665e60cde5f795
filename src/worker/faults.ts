import * as tf from '@tensorflow/tfjs';
import type { GpuHealth } from './gpuHealth';
import type { Fault } from './protocol';

/**
 * Real faults for the end-to-end tests. Losing the GPU goes through the browser's own
 * mechanisms (WEBGL_lose_context, GPUDevice.destroy); a NaN written into the first
 * kernel is what a diverging run leaves behind, without waiting for one.
 */
export function injectFault(fault: Fault, model: tf.LayersModel, gpu: GpuHealth): void {
  if (fault === 'lose-gpu') {
    gpu.loseForTest();
    return;
  }
  // The output layer: a NaN there reaches the loss on every backend.
  const layer = [...model.layers].reverse().find((candidate) => candidate.getWeights().length > 0);
  const [kernel, ...rest] = layer?.getWeights() ?? [];
  if (!layer || !kernel) return;
  const poisoned = tf.tidy(() => {
    const first = tf
      .oneHot(tf.tensor1d([0], 'int32'), kernel.size)
      .reshape([kernel.size])
      .cast('bool');
    return tf.where(first, tf.fill([kernel.size], Number.NaN), kernel.flatten()).reshape(kernel.shape);
  });
  layer.setWeights([poisoned, ...rest]);
  poisoned.dispose();
}
