import type { BackendName, WasmKernels } from '../../src/ml/engines/backend';
import type { PresetName } from '../../src/state/presets';
import type { NativeStep } from './bench-native';
import type { StepProfile } from '../../src/harness/protocol';

/** One backend's figures, as the bench's JSON line reports them. */
export interface Result {
  /** What the page was asked for: an engine, or `auto` (the race chooses). */
  backend: BackendName | 'auto';
  /** The recipe trained: its schedule and augmentation are what a step costs beyond the notebook's. */
  preset: PresetName;
  /** The network trained, as `net` text, and its parameters (the app's plan). */
  network: string;
  params: number;
  /** wasm only: the app's kernels, SIMD or JavaScript. */
  kernels: WasmKernels | null;
  activeBackend: string;
  detail: string;
  dataReadyMs: number;
  /** From navigation to Train enabled (data and engine ready): on a first visit, and on a reload (the race cached). */
  trainReadyMs: { firstVisit: number; reload: number };
  /**
   * The engine race on this page: its length, its winner, each engine's ms/step (null: cut short
   * or not raced; wasm's at the count it chose), and wasm's for each thread count it timed.
   */
  race: { seconds: number; winner: string | null; msPerStep: Record<string, number | null>; threads: Record<string, number | null> } | null;
  /** wasm only: the XNNPACK threads the race chose, and the run's ms/step with each count timed, in the same run. */
  threads: number | null;
  msPerStepOneThread: number | null;
  msPerStepByThreads: Record<string, number> | null;
  /** wasm with --profile: a step's time by kernel at each thread count the race times. */
  profile: StepProfile[] | null;
  /** wasm with --native: PyTorch's ms/step for the same network, measured right after, with 1 and N threads. */
  native: NativeStep[] | null;
  /** The typed arrays the worker keeps for both splits. */
  datasetHeapMB: number;
  /** Everything the worker holds after start-up, as the browser measures it (wasm's heap included). */
  workerHeapMB: number | null;
  msPerStep: { median: number; min: number; max: number; timedSteps: number };
  bareFitMsPerStep: { median: number };
  /** The improved recipe's augmentation of one batch, timed alone in the worker (median). */
  augmentMsPerBatch: number | null;
  overhead: number;
  examplesPerSec: number;
  inferTestMs: number;
  predictMs: { median: number; max: number };
  /** From a tap's pointer-up on the pad to the frame that shows its probabilities. */
  drawLatencyMs: { median: number; max: number };
  numTensors: { before: number; after: number };
  /** Each epoch's validation accuracy (on the test set, unless --validation split held out a share). */
  epochs: { epoch: number; testAcc: number; seconds: number; msPerStep: number }[];
  /** Where the epochs were validated; with `split`, Evaluate's test accuracy after the last epoch. */
  validation: 'test' | 'split';
  testAccuracyAfter: number | null;
  /** The page's main thread while it trained: tasks over 50 ms (PerformanceObserver's longtask) and the longest. */
  longTasks: { count: number; longestMs: number; seconds: number };
}

/** The figures as an aligned table, one row a backend. */
export function printTable(results: Result[]): void {
  const rows = results.map((r) => [
    r.kernels === null ? r.backend : `${r.backend} (${r.kernels})`,
    r.preset,
    `${r.network} (${r.params.toLocaleString('en-GB')})`,
    r.detail.slice(0, 40),
    `${r.dataReadyMs} ms`,
    `${r.trainReadyMs.firstVisit} / ${r.trainReadyMs.reload} ms`,
    r.race ? `${r.race.seconds} s → ${r.race.winner ?? '—'}` : '—',
    `${r.datasetHeapMB} MB`,
    r.workerHeapMB === null ? '—' : `${r.workerHeapMB} MB`,
    `${r.msPerStep.median} (${r.msPerStep.min}–${r.msPerStep.max})${r.threads === null ? '' : ` at ${r.threads}`}${byThreads(r)}`,
    `${r.bareFitMsPerStep.median} ms`,
    r.augmentMsPerBatch === null ? '—' : `${r.augmentMsPerBatch} ms`,
    `${r.overhead}×`,
    String(r.examplesPerSec),
    `${r.inferTestMs} ms`,
    `${r.predictMs.median} ms`,
    `${r.drawLatencyMs.median} ms`,
    `${r.numTensors.before} → ${r.numTensors.after}`,
    `${r.longTasks.count} (${r.longTasks.longestMs} ms) in ${r.longTasks.seconds} s`,
    r.epochs.map((e) => `${e.epoch}: ${(e.testAcc * 100).toFixed(2)} % in ${e.seconds} s`).join(', ') +
      (r.testAccuracyAfter === null ? '' : `; test ${(r.testAccuracyAfter * 100).toFixed(2)} %`),
  ]);
  const header = [
    'backend',
    'recipe',
    'network (parameters)',
    'device',
    'data ready',
    'Train ready (first / reload)',
    'race',
    'dataset',
    'worker heap',
    'ms/step median (min–max)',
    'bare fit',
    'augment',
    'overhead',
    'examples/s',
    '10k inference',
    'predict',
    'draw → painted',
    'tensors',
    'long tasks (longest)',
    'epochs (val acc)',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  printRecipeCost(results);
  printKernelGain(results);
  printNative(results);
  for (const r of results) if (r.profile) printProfile(r.profile);
}

/** Where a step's time goes, kernel by kernel, one column a thread count: what a second thread gains, and where. */
function printProfile(profiles: StepProfile[]): void {
  const names = Object.keys(profiles[0]?.kernels ?? {}).slice(0, 16);
  const header = ['kernel (ms per step)', ...profiles.map((p) => `${p.threads} thr`)];
  const rows = [
    ...names.map((name) => [name, ...profiles.map((p) => (p.kernels[name] ?? 0).toFixed(2))]),
    [
      'all kernels',
      ...profiles.map((p) =>
        Object.values(p.kernels)
          .reduce((a, b) => a + b, 0)
          .toFixed(2),
      ),
    ],
    ['whole step (median)', ...profiles.map((p) => p.stepMs.toFixed(2))],
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}

/** The other thread counts' ms/step, beside the chosen one's. */
function byThreads(r: Result): string {
  const others = Object.entries(r.msPerStepByThreads ?? {}).filter(([count]) => Number(count) !== r.threads);
  return others.map(([count, ms]) => `; ${count} thr ${ms}`).join('');
}

/** Side by side in one run: what the app's SIMD kernels gain over the JavaScript ones on wasm. */
function printKernelGain(results: Result[]): void {
  for (const simd of results.filter((r) => r.kernels === 'simd')) {
    const js = results.find(
      (r) => r.kernels === 'js' && r.backend === simd.backend && r.preset === simd.preset && r.network === simd.network,
    );
    if (!js) continue;
    const ratio = simd.msPerStep.median / js.msPerStep.median;
    console.log(
      `${simd.backend}, ${simd.preset}, ${simd.network}: SIMD kernels ${simd.msPerStep.median} ms/step against JS ${js.msPerStep.median}: ×${ratio.toFixed(3)}`,
    );
  }
}

/**
 * wasm against native PyTorch measured in the same minutes: thread count for thread count, then
 * wasm at the count the race chose against native at its best count.
 */
function printNative(results: Result[]): void {
  const threadsText = (count: number): string => `${count} thread${count === 1 ? '' : 's'}`;
  for (const r of results) {
    const native = r.native ?? [];
    for (const step of native) {
      const wasm = r.msPerStepByThreads?.[step.threads] ?? (step.threads === r.threads ? r.msPerStep.median : null);
      if (wasm === null) continue;
      if (step.params !== r.params)
        console.log(`${r.network}: PyTorch built ${step.params} parameters, the app ${r.params}: not the same network`);
      console.log(
        `${r.network} on ${r.backend} (${r.kernels ?? ''}), ${threadsText(step.threads)}: ${wasm} ms/step against native PyTorch ${step.msPerStep}: ×${(wasm / step.msPerStep).toFixed(2)}`,
      );
    }
    const best = native.reduce<NativeStep | null>((a, b) => (a === null || b.msPerStep < a.msPerStep ? b : a), null);
    if (best && r.threads !== null)
      console.log(
        `${r.network} on ${r.backend} (${r.kernels ?? ''}) at the race's ${threadsText(r.threads)}: ${r.msPerStep.median} ms/step against native PyTorch at its best (${threadsText(best.threads)}) ${best.msPerStep}: ×${(r.msPerStep.median / best.msPerStep).toFixed(2)}`,
      );
  }
}

/** Side by side in one run: what the improved recipe (augmentation, a schedule) costs per step against the notebook's. */
function printRecipeCost(results: Result[]): void {
  for (const improved of results.filter((r) => r.preset === 'improved')) {
    const notebook = results.find((r) => r.preset === 'notebook' && r.backend === improved.backend && r.network === improved.network);
    if (!notebook) continue;
    const ratio = improved.msPerStep.median / notebook.msPerStep.median;
    console.log(
      `${improved.backend}: improved ${improved.msPerStep.median} ms/step against notebook ${notebook.msPerStep.median}: ×${ratio.toFixed(3)}; ` +
        `augmenting a batch alone: ${improved.augmentMsPerBatch} ms`,
    );
  }
}
