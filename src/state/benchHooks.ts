import type { MlClient } from './mlClient';

/** What `npm run bench` calls in the page; present only with `?bench=1`. */
export interface BenchHooks {
  /** Round trips of one 28×28 image through the worker, in milliseconds. */
  predictMs(count: number): Promise<number[]>;
  bareFitMsPerStep(steps: number, batchSize: number): Promise<number[]>;
  inferTestMs(): Promise<number>;
}

declare global {
  interface Window {
    mnistBench?: BenchHooks;
  }
}

export function installBenchHooks(client: MlClient): void {
  window.mnistBench = {
    async predictMs(count) {
      const pixels = new Float32Array(784);
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        pixels[(i * 29) % 784] = 1;
        const started = performance.now();
        await client.predict(pixels.slice());
        times.push(performance.now() - started);
      }
      return times;
    },
    bareFitMsPerStep: (steps, batchSize) => client.measure('bare-fit', steps, batchSize),
    inferTestMs: async () => (await client.measure('infer-test'))[0] ?? Number.NaN,
  };
}
