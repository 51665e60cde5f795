import * as tf from '@tensorflow/tfjs';
import { BACKENDS, type BackendProbe } from '../../ml/engines/backend';
import { errorMessage } from '../../ml/errors';
import { buildCnn, compileCnn } from '../../ml/network/build';
import { netText } from '../../ml/network/netText';
import type { NetworkConfig } from '../../ml/network/network';
import { multiplyAdds, planOf } from '../../ml/network/plan';
import { IMAGE_SIZE, NUM_CLASSES } from '../../ml/data/mnist';
import {
  RACE,
  cutShort,
  fastestWasmThreads,
  isGpu,
  pickWinner,
  raceOrder,
  threadCandidates,
  threadOrder,
  type EngineMeasure,
  type RaceReport,
} from '../../ml/engines/race';
import { trainStep } from '../../ml/training/train';
import { activate } from './selectBackend';
import { canTryWasmThreads, useWasmThreads, wasmThreads } from './wasmSetup';
import { median } from '../../ml/stats';

/**
 * Times training steps of a network (the one about to train) on one engine, as the training loop runs them
 * (the next step issued before the last one's result is read), on random data: the
 * figure is the median time between results after the warm-up.
 */
async function timeEngine(probe: BackendProbe, best: number | null, network: NetworkConfig): Promise<EngineMeasure> {
  if (!(await activate(probe.name)))
    return { engine: probe.name, status: 'failed', msPerStep: null, note: 'it failed to start', threads: null };
  const base = { engine: probe.name, note: probe.detail, threads: probe.name === 'wasm' ? await wasmThreads() : null };
  const model = buildCnn({ seed: 0, network });
  compileCnn(model);
  const images = tf.randomUniform<tf.Rank.R4>([RACE.batchSize, IMAGE_SIZE, IMAGE_SIZE, 1]);
  const labels = tf.randomUniform<tf.Rank.R1>([RACE.batchSize], 0, NUM_CLASSES, 'int32');
  const issue = (): tf.Tensor1D => trainStep(model, model.optimizer, images, labels);
  const warmups = isGpu(probe.name) ? RACE.warmupSteps.gpu : RACE.warmupSteps.cpu;
  const times: number[] = [];
  // One step more than is timed: the last interval is not a step's cost on a synchronous engine (wasm, CPU
  // compute as a step is issued), as the training loop's own timing notes.
  const total = warmups + RACE.timedSteps + 1;
  let pending = issue();
  let last = performance.now();
  try {
    for (let step = 1; step <= total; step++) {
      const next = step < total ? issue() : null;
      await pending.data();
      pending.dispose();
      const now = performance.now();
      const ms = now - last;
      last = now;
      if (next) pending = next;
      if (step === total) break;
      const warming = step <= warmups;
      if (!warming) times.push(ms);
      const reason = cutShort(probe.name, warming ? 'warm-up' : 'steps', warming ? ms : median(times), best);
      if (reason) {
        next?.dispose();
        return { ...base, status: 'cut-short', msPerStep: times.length > 0 ? median(times) : null, note: reason };
      }
    }
    return { ...base, status: 'measured', msPerStep: median(times) };
  } catch (error) {
    return { ...base, status: 'failed', msPerStep: null, note: `it failed while training (${errorMessage(error).split('\n')[0] ?? ''})` };
  } finally {
    tf.dispose([images, labels]);
    model.optimizer.dispose();
    model.dispose();
  }
}

/**
 * Times the count that went first once more, when it is one thread (a pool that costs no thread
 * worker) and others were timed after it, and keeps the better of its two figures: the count
 * timed first came out slower than the same count timed later, as wasm's memory and code warm up.
 */
async function retimeFirst(probe: BackendProbe, measures: EngineMeasure[], network: NetworkConfig): Promise<void> {
  const first = measures[0];
  if (measures.length < 2 || first?.threads !== 1 || first.status !== 'measured' || first.msPerStep === null) return;
  const timed = measures.flatMap((m) => (m.threads === null ? [] : [m.threads]));
  if (!(await canTryWasmThreads(1, timed)) || (await useWasmThreads(1)) !== 1) return;
  const again = await timeEngine(probe, null, network);
  if (again.status === 'measured' && again.msPerStep !== null && again.msPerStep < first.msPerStep) measures[0] = again;
}

/**
 * wasm once per thread count worth trying (`threadCandidates`), each against the best so far,
 * the pool that exists first; then wasm is left on the fastest count, for training and for
 * whenever it runs later. Returns the measures and the count wasm now runs with.
 */
async function timeWasm(
  probe: BackendProbe,
  best: number | null,
  forced: number | null,
  network: NetworkConfig,
): Promise<{ measures: EngineMeasure[]; threads: number | null }> {
  const measures: EngineMeasure[] = [];
  let fastest = best;
  for (const count of threadOrder(threadCandidates(navigator.hardwareConcurrency || 1, forced), await wasmThreads())) {
    // Only a count it can come back from: each pool made keeps some of the page's thread workers for good.
    const timed = measures.flatMap((m) => (m.threads === null ? [] : [m.threads]));
    if (!(await canTryWasmThreads(count, timed))) {
      measures.push({
        engine: 'wasm',
        status: 'not-raced',
        msPerStep: null,
        note: `this page has no thread workers left to try ${count} threads (each count tried keeps some); reload it to time them`,
        threads: count,
      });
      continue;
    }
    const actual = await useWasmThreads(count);
    // The single-threaded build (no cross-origin isolation) runs one thread whatever is asked: nothing to time again.
    if (measures.some((m) => m.threads === actual)) continue;
    const measure = await timeEngine(probe, fastest, network);
    measures.push(measure);
    if (measure.status === 'measured' && measure.msPerStep !== null) fastest = Math.min(fastest ?? Infinity, measure.msPerStep);
  }
  await retimeFirst(probe, measures, network);
  const chosen = fastestWasmThreads(measures);
  return { measures, threads: chosen === null ? null : await useWasmThreads(chosen) };
}

/**
 * Races every engine worth racing, fastest expected first, and names the winner (the
 * quick race of a first visit leaves CPU out once wasm is measured; a thorough one does not);
 * wasm with each thread count worth trying, unless `threads` (the URL's) fixes it. The
 * engines start first (compiling wasm, spawning its threads: work off this thread that
 * overlaps whatever runs meanwhile), then `quiet` is awaited, so the steps are timed alone.
 */
export async function raceEngines(
  probes: readonly BackendProbe[],
  quiet: () => Promise<void>,
  thorough: boolean,
  threads: number | null,
  network: NetworkConfig,
): Promise<RaceReport> {
  const { contenders, skipped } = raceOrder(probes);
  for (const probe of contenders) if (probe.name !== 'cpu') await activate(probe.name);
  await quiet();
  const started = performance.now();
  const measures: EngineMeasure[] = [];
  let best: number | null = null;
  let wasmCount: number | null = null;
  for (const probe of contenders) {
    if (!thorough && probe.name === 'cpu' && measures.some((m) => m.engine === 'wasm' && m.status === 'measured')) {
      // Same processor, plain JavaScript against SIMD kernels: the CPU backend is always the slower (about 10×), and
      // its first step alone would double a first visit's wait. "Measure again" races it too.
      measures.push({
        engine: 'cpu',
        status: 'not-raced',
        msPerStep: null,
        note: 'wasm runs on the same processor, with SIMD',
        threads: null,
      });
      continue;
    }
    let timed: EngineMeasure[];
    if (probe.name === 'wasm') {
      const wasm = await timeWasm(probe, best, threads, network);
      timed = wasm.measures;
      wasmCount = wasm.threads;
    } else timed = [await timeEngine(probe, best, network)];
    measures.push(...timed);
    for (const measure of timed)
      if (measure.status === 'measured' && measure.msPerStep !== null) best = Math.min(best ?? Infinity, measure.msPerStep);
  }
  const all = [...measures, ...skipped].sort((a, b) => BACKENDS.indexOf(a.engine) - BACKENDS.indexOf(b.engine));
  return {
    measures: all,
    measuredAt: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    winner: pickWinner(measures),
    wasmThreads: wasmCount,
    network: netText(network),
    multiplyAdds: multiplyAdds(planOf(network)),
  };
}
