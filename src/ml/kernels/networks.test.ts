/**
 * Whole-network gradients on the networks the editor can make, with the app's kernels on
 * CPU and on wasm (the JavaScript ones; src/worker has the SIMD ones), against tfjs' own CPU
 * backend, computed before any kernel of the app is installed.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTrainingKernels } from '.';
import { parseNet } from '../network/netText';
import { EDITED_NETWORKS as NETWORKS, networkGradients, relativeDifference } from './kernelTesting';

const reference = new Map<string, Float32Array[]>();

/** Small batches: tfjs' own CPU filter gradient, the reference, is slow. */
const gradients = (backend: 'cpu' | 'wasm', text: string): Promise<Float32Array[]> =>
  networkGradients(backend, 31, { network: parseNet(text), training: true, batch: 8 });

beforeAll(async () => {
  await tf.setBackend('cpu');
  // tfjs' own CPU kernels, before the app replaces any.
  for (const text of NETWORKS) reference.set(text, await gradients('cpu', text));
  installTrainingKernels('cpu');
  await tf.setBackend('wasm');
  installTrainingKernels('wasm');
}, 60_000);

function expectClose(actual: Float32Array[], expected: Float32Array[] | undefined): void {
  expect(actual).toHaveLength(expected?.length ?? -1);
  actual.forEach((values, i) => {
    expect(relativeDifference(values, expected?.[i] ?? new Float32Array())).toBeLessThan(1e-4);
  });
}

describe.each(['cpu', 'wasm'] as const)('every weight’s gradient on %s with the app’s kernels', (backend) => {
  it.each(NETWORKS)('%s', async (text) => {
    expectClose(await gradients(backend, text), reference.get(text));
  });
});

describe('the input’s own gradient', () => {
  // Our patch of tfjs-core (patches/): under a gradient tfjs fused a convolution with no
  // activation of its own kind (Keras fuses tanh, sigmoid and linear layers' bias as 'linear'),
  // and a fused op's gradient computes every input's, the image's among them.
  it.each(['relu', 'tanh', 'sigmoid', 'linear'])('is not computed for a first Conv2D with %s', async (activation) => {
    await tf.setBackend('cpu');
    const profile = await tf.profile(async () => {
      await networkGradients('cpu', 3, { network: parseNet(`c4.${activation}-f-h8`), batch: 2 });
    });
    expect(profile.kernelNames).toContain('Conv2DBackpropFilter');
    expect(profile.kernelNames).not.toContain('Conv2DBackpropInput');
  });
});
