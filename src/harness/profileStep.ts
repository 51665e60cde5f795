import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES } from '../ml/data/mnist';
import { buildCnn, compileCnn } from '../ml/network/build';
import { trainStep } from '../ml/training/train';
import { canTryWasmThreads, useWasmThreads, wasmThreads } from '../worker/engines/wasmSetup';
import type { StepProfile } from './protocol';
import { median } from '../ml/stats';

const WARMUP = 2;

/**
 * Profiles `steps` training steps of the network at batch 128 on random data with `threads`
 * XNNPACK threads (where the page's thread workers allow it to come back), then puts the thread count back. For the bench only (harness build): it
 * answers where a second thread gains and where it costs.
 */
export async function profileStep(threads: number, steps: number): Promise<StepProfile> {
  if (tf.getBackend() !== 'wasm') throw new Error(`profiling needs wasm, and ${tf.getBackend()} runs`);
  const before = await wasmThreads();
  // Where the page has no thread workers left to come back, it profiles the count it runs with.
  const actual = (await canTryWasmThreads(threads, [before])) ? await useWasmThreads(threads) : before;
  const model = buildCnn({ seed: 0 });
  compileCnn(model);
  const images = tf.randomUniform<tf.Rank.R4>([128, IMAGE_SIZE, IMAGE_SIZE, 1]);
  const labels = tf.randomUniform<tf.Rank.R1>([128], 0, NUM_CLASSES, 'int32');
  const totals = new Map<string, number>();
  const walls: number[] = [];
  try {
    for (let step = 0; step < WARMUP + steps; step++) {
      const started = performance.now();
      const info = await tf.profile(() => trainStep(model, model.optimizer, images, labels));
      const result = info.result;
      if (result instanceof tf.Tensor) {
        await result.data();
        result.dispose();
      }
      if (step < WARMUP) continue;
      walls.push(performance.now() - started);
      for (const kernel of info.kernels) {
        const ms = typeof kernel.kernelTimeMs === 'number' ? kernel.kernelTimeMs : 0;
        totals.set(kernel.name, (totals.get(kernel.name) ?? 0) + ms);
      }
    }
  } finally {
    tf.dispose([images, labels]);
    model.optimizer.dispose();
    model.dispose();
    await useWasmThreads(before);
  }
  return {
    threads: actual,
    stepMs: median(walls),
    kernels: Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([name, ms]) => [name, ms / steps])),
  };
}
