/**
 * npm run bench: builds, serves and drives headless Chromium through the real app,
 * backend by backend, and prints a table, then one JSON object as the last line.
 *
 *   --backend <webgpu|webgl|wasm|cpu|auto|all>  (default all; auto: the page races the engines and chooses)
 *   --steps N       timed steps after warm-up (default 30)
 *   --epochs N      full epochs with test accuracy after each, instead of timed steps
 *   --trainSize N   training images per epoch in --epochs mode (default 60000)
 *   --seed N        initial weights and shuffling (default: the app's, 42)
 *   --preset P      the recipe: notebook (default) or improved; `notebook,improved` runs both side by side
 *   --network TEXT  the network as the URL's net text (default the notebook's); several, comma-separated, side by side
 *   --kernels K     wasm: the app's kernels, simd (default) or js; `js,simd` runs both side by side
 *   --native        after each wasm row, the same step in native PyTorch (python3 + torch), 1 and N threads
 *   --profile       wasm rows: a step's time by kernel (tf.profile) at each thread count the race times
 *   --runs N        instead: the size of a kept 5-epoch run, and opening the page with N kept runs against none
 *   --validation V  test (default: each epoch on the test set, the notebook's way) or split (the last 10 % of
 *                   the training images held out; the test set is scored by Evaluate after the last epoch)
 *   --heap M        instead: the page's heap and listeners each minute of an M-minute training of small
 *                   epochs (forced GC), and the time to import and open the largest run file accepted
 *   --keras N       instead: N writes of each Keras format (.keras, .h5) in the worker, then N uploads of each
 *                   Keras fixture, timed in one fresh page (the first write loads the HDF5 chunk)
 *   --fine-tune N   instead: the notebook's model (the Keras fixture), N drawings of a continental 1 added to my
 *                   digits, and accuracy on my held-out digits, on 20 fresh drawings and on MNIST's test set
 *                   before and after one click of Fine-tune on my digits; --override "Learning rate=0.001;…"
 *                   types settings (by their label) after the preset
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { preview } from 'vite';
import { CHROMIUM_ARGS, launchOptions } from '../e2e/browser';
import type { BackendName, WasmKernels } from '../src/ml/engines/backend';
import type {} from '../src/harness/hooks';
import { recipeParams, type PresetName } from '../src/state/presets';
import { DRAW_LATENCY_MEASURE } from '../src/ui/draw/latency';
import { printTable, type Result } from './lib/bench-table';
import { measureKerasFiles } from './lib/bench-keras';
import { measureRunStore } from './lib/bench-runs';
import { measureHeap } from './lib/bench-heap';
import { CONTINENTAL_ONE, measureFineTune } from './lib/bench-finetune';
import { MAX_RUN_FILE_BYTES } from '../src/state/runs/runFile';
import { nativeStep } from './lib/bench-native';
import { availableParallelism, cpus } from 'node:os';
import { MAX_WASM_THREADS, measuredFigures, threadCandidates, type RaceReport } from '../src/ml/engines/race';
import { parseOptions, type Options } from './lib/bench-options';
import { errorMessage } from '../src/ml/errors';
import { median } from '../src/ml/stats';
import { NOTEBOOK_NET, parseNet } from '../src/ml/network/netText';

import { planOf } from '../src/ml/network/plan';

declare global {
  interface Window {
    /** Set by the bench in the page it drives: the long tasks seen since it started watching. */
    benchLongTasks?: () => { seen: number[]; seconds: number };
  }
}

const PORT = 4179;
const WARMUP_STEPS = 5;
const BATCH_SIZE = 128;

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The worker's share of the page's memory, from the browser's own measurement. */
async function workerMemoryMB(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const measure = (
      performance as Performance & {
        measureUserAgentSpecificMemory?: () => Promise<{ breakdown: { bytes: number; attribution: { scope?: string }[] }[] }>;
      }
    ).measureUserAgentSpecificMemory;
    if (!measure || !crossOriginIsolated) return null;
    const result = await measure.call(performance);
    const bytes = result.breakdown
      .filter((entry) => entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
      .reduce((sum, entry) => sum + entry.bytes, 0);
    return bytes / 2 ** 20;
  });
}

async function numberAttribute(page: Page, testId: string, attribute: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute(attribute));
}

/** Starts counting the main thread's tasks over 50 ms (the longtask entries), from now. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: 'longtask' });
    const start = performance.now();
    window.benchLongTasks = () => ({ seen, seconds: (performance.now() - start) / 1000 });
  });
}

async function longTasksSoFar(page: Page): Promise<Result['longTasks']> {
  const { seen, seconds } = await page.evaluate(() => {
    if (!window.benchLongTasks) throw new Error('the long tasks were not watched');
    return window.benchLongTasks();
  });
  return { count: seen.length, longestMs: Math.round(Math.max(0, ...seen)), seconds: round(seconds) };
}

/** With a held-out validation share: Evaluate, the only look at the test set, after the run. */
async function evaluateOnTest(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await page.locator('[data-testid=evaluation-result][data-on=test]').waitFor({ timeout: 120_000 });
  return numberAttribute(page, 'test-accuracy', 'data-value');
}

/** Milliseconds from navigation to Train enabled, as the page's own clock says. */
async function trainReadyMs(page: Page): Promise<number> {
  await page.getByTestId('dataset-status').and(page.locator('[data-state=ready]')).waitFor({ timeout: 120_000 });
  await page.locator('[data-testid=backend]:not([data-backend=""])').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).and(page.locator(':enabled')).waitFor();
  return Math.round(await page.evaluate(() => performance.now()));
}

async function runBackend(
  browser: Browser,
  backend: BackendName | 'auto',
  options: Options,
  preset: PresetName,
  kernels: WasmKernels,
  network: string,
  threads: number | null = null,
): Promise<Result> {
  const page = await browser.newPage();
  const epochs = options.epochs ?? 1;
  const trainSize = options.epochs === null ? (WARMUP_STEPS + options.steps + 1) * BATCH_SIZE : options.trainSize;
  const testSize = options.epochs === null ? 1000 : 10_000;
  const query = new URLSearchParams({
    ...recipeParams(preset),
    epochs: String(epochs),
    trainSize: String(trainSize),
    testSize: String(testSize),
  });
  if (backend !== 'auto') query.set('backend', backend);
  if (options.seed !== null) query.set('seed', String(options.seed));
  if (threads !== null) query.set('threads', String(threads));
  if (kernels !== 'simd') query.set('kernels', kernels);
  if (network !== NOTEBOOK_NET) query.set('net', network);
  if (options.validation === 'split') query.set('validation', 'split');
  await page.goto(`http://127.0.0.1:${PORT}/?${query.toString()}`);
  const firstVisit = await trainReadyMs(page);
  // The second visit finds the race cached.
  await page.reload();
  const reload = await trainReadyMs(page);
  const dataReadyMs = await numberAttribute(page, 'dataset-status', 'data-ready-ms');
  const datasetBytes = await numberAttribute(page, 'dataset-status', 'data-bytes');
  const workerHeapMB = await workerMemoryMB(page);
  const before = await numberAttribute(page, 'memory', 'data-tensors');
  const activeBackend = (await page.getByTestId('backend').getAttribute('data-backend')) ?? '';
  const detail = await page.locator('[data-testid=backend] .muted').first().innerText();
  const activeThreads = activeBackend === 'wasm' ? Number((await page.getByTestId('backend').getAttribute('data-threads')) ?? 1) : null;
  const race = await page.evaluate(() => window.mnistBench?.race() ?? null);

  await watchLongTasks(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const timeoutMs = 6 * 60 * 60 * 1000;
  await page.locator('[data-testid=train-status]:is([data-state=done], [data-state=error])').waitFor({ timeout: timeoutMs });
  const longTasks = await longTasksSoFar(page);
  if ((await page.getByTestId('train-status').getAttribute('data-state')) === 'error') {
    throw new Error(`${backend}: ${await page.getByRole('alert').first().innerText()}`);
  }
  const testAccuracyAfter = options.validation === 'split' ? await evaluateOnTest(page) : null;
  const stepMs = await page.evaluate(() => {
    if (!window.mnistBench) throw new Error('the page has no bench hooks: is this the harness build?');
    return window.mnistBench.stepTimes();
  });
  // Warm-up steps compile shaders; the last interval of an epoch is near zero on synchronous backends.
  const timed = stepMs.slice(WARMUP_STEPS, -1);
  const logs = await page.evaluate(() => document.querySelector('[data-testid=epoch-log]')?.textContent ?? '');
  const after = await numberAttribute(page, 'memory', 'data-tensors');
  const hooks = await page.evaluate(
    async ({ steps, batchSize }) => {
      const bench = window.mnistBench;
      if (!bench) throw new Error('the page has no bench hooks');
      const predict = (await bench.predictMs(55)).slice(5);
      const bare = await bench.bareFitMsPerStep(steps, batchSize);
      const infer = await bench.inferTestMs();
      const augment = await bench.augmentMs(steps, batchSize);
      return { predict, bare, infer, augment };
    },
    { steps: WARMUP_STEPS + options.steps + 1, batchSize: BATCH_SIZE },
  );
  const bareMedian = median(hooks.bare.slice(WARMUP_STEPS, -1));
  const profile =
    options.profile && activeBackend === 'wasm' && threads === null
      ? await page.evaluate(
          async (counts) => {
            const bench = window.mnistBench;
            if (!bench) throw new Error('the page has no bench hooks');
            const profiles = [];
            for (const count of counts) profiles.push(await bench.profileStep(count, 20));
            return profiles;
          },
          threadCandidates(Math.min(MAX_WASM_THREADS, availableParallelism()), null),
        )
      : null;
  const drawLatency = await tapLatencies(page, 20);
  const epochLogs = [...logs.matchAll(/Epoch (\d+)\/\d+ · [\d,]+ steps · ([^·]+) · (\d+) ms\/step .*?val_accuracy (\d\.\d+)/g)].map(
    (match): Result['epochs'][number] => ({
      epoch: Number(match[1]),
      seconds: parseSeconds(match[2] ?? ''),
      msPerStep: Number(match[3]),
      testAcc: Number(match[4]),
    }),
  );
  await page.close();
  const medianMs = median(timed);
  return {
    backend,
    preset,
    network,
    params: planOf(parseNet(network)).totalParams,
    kernels: activeBackend === 'wasm' ? kernels : null,
    activeBackend,
    detail,
    dataReadyMs,
    trainReadyMs: { firstVisit, reload },
    race: race && raceFigures(race),
    threads: activeThreads,
    msPerStepOneThread: null,
    msPerStepByThreads: null,
    profile,
    native: null,
    datasetHeapMB: round(datasetBytes / 2 ** 20),
    workerHeapMB: workerHeapMB === null ? null : round(workerHeapMB),
    msPerStep: { median: round(medianMs), min: round(Math.min(...timed)), max: round(Math.max(...timed)), timedSteps: timed.length },
    bareFitMsPerStep: { median: round(bareMedian) },
    // Timed on every row, since the worker can do it whatever recipe trained; shown where it applies.
    augmentMsPerBatch: preset === 'improved' ? round(median(hooks.augment.slice(WARMUP_STEPS)), 2) : null,
    overhead: round(medianMs / bareMedian, 3),
    examplesPerSec: Math.round((BATCH_SIZE * 1000) / medianMs),
    inferTestMs: Math.round(hooks.infer),
    predictMs: { median: round(median(hooks.predict), 2), max: round(Math.max(...hooks.predict), 2) },
    drawLatencyMs: { median: round(median(drawLatency)), max: round(Math.max(...drawLatency)) },
    numTensors: { before, after },
    epochs: epochLogs,
    validation: options.validation,
    testAccuracyAfter,
    longTasks,
  };
}

/** The race as the bench reports it: each engine's ms/step (wasm's at the count it chose) and wasm's per thread count. */
function raceFigures(race: RaceReport): NonNullable<Result['race']> {
  const figures = Object.entries(measuredFigures(race)).map(([key, ms]): [string, number | null] => [key, ms === null ? null : round(ms)]);
  return {
    seconds: round(race.seconds, 2),
    winner: race.winner,
    msPerStep: Object.fromEntries(figures.filter(([key]) => !key.includes('@'))),
    threads: Object.fromEntries(figures.flatMap(([key, ms]) => (key.startsWith('wasm@') ? [[key.slice('wasm@'.length), ms]] : []))),
  };
}

/**
 * One row: the run (wasm with the thread count the race chose), then for wasm the same with
 * each other count the race timed, forced by `?threads=`, and (--native) PyTorch's step at one
 * thread and every core, all in the same minutes.
 */
async function runRow(
  browser: Browser,
  backend: BackendName | 'auto',
  options: Options,
  preset: PresetName,
  kernels: WasmKernels,
  network: string,
  first: boolean,
): Promise<Result> {
  console.error(`bench: ${backend}, ${preset} recipe, ${network}${backend === 'wasm' ? `, ${kernels} kernels` : ''}…`);
  let result = await runBackend(browser, backend, options, preset, kernels, network);
  const { threads } = result;
  if (result.activeBackend !== 'wasm' || threads === null) return result;
  const cores = Math.min(MAX_WASM_THREADS, availableParallelism());
  // Timed steps only: in --epochs mode a second full run for each other count would double the wait.
  if (first && options.epochs === null) {
    const byThreads: Record<string, number> = { [threads]: result.msPerStep.median };
    for (const count of threadCandidates(cores, null).filter((count) => count !== threads)) {
      console.error(`bench: wasm with ${count} thread${count === 1 ? '' : 's'}…`);
      byThreads[count] = (await runBackend(browser, backend, options, preset, kernels, network, count)).msPerStep.median;
    }
    result = { ...result, msPerStepByThreads: byThreads, msPerStepOneThread: byThreads[1] ?? null };
  }
  if (!options.native) return result;
  console.error('bench: native PyTorch…');
  const native = [...new Set([1, cores])].map((count) => nativeStep(count, network));
  const failure = native.find((step) => typeof step === 'string');
  if (typeof failure === 'string') console.error(`bench: no native figure: ${failure}`);
  return { ...result, native: native.flatMap((step) => (typeof step === 'string' ? [] : [step])) };
}

/**
 * Strokes on the drawing pad `count` times (clearing in between) and reads the
 * page's own measures of pointer-up → the frame that shows the prediction.
 */
async function tapLatencies(page: Page, count: number): Promise<number[]> {
  const pad = page.getByTestId('draw-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  await page.evaluate((name) => performance.clearMeasures(name), DRAW_LATENCY_MEASURE);
  for (let i = 0; i < count; i++) {
    const clear = page.getByRole('button', { name: 'Clear', exact: true });
    if (await clear.isEnabled()) await clear.click();
    await page.getByTestId('prediction').waitFor({ state: 'detached', timeout: 10_000 });
    const x = box.x + box.width * (0.3 + 0.04 * (i % 10));
    await page.mouse.move(x, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(x, box.y + box.height * 0.8, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(
      ({ name, n }) => performance.getEntriesByName(name).length > n,
      { name: DRAW_LATENCY_MEASURE, n: i },
      { timeout: 10_000 },
    );
  }
  return page.evaluate((name) => performance.getEntriesByName(name).map((entry) => entry.duration), DRAW_LATENCY_MEASURE);
}

function parseSeconds(text: string): number {
  const minutes = /(\d+) min (\d+) s/.exec(text);
  if (minutes) return Number(minutes[1]) * 60 + Number(minutes[2]);
  return Number.parseFloat(text);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // The harness build: the app plus the hooks the bench calls (src/harness).
  const server = await preview({ mode: 'harness', preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
  const browser = await chromium.launch(launchOptions([...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory']));
  const results: Result[] = [];
  try {
    if (options.runs !== null) {
      const store = await measureRunStore(browser, `http://127.0.0.1:${PORT}`, 5, options.runs);
      console.log(JSON.stringify({ browser: browser.version(), options, runStore: store }));
      return;
    }
    if (options.keras !== null) {
      const keras = await measureKerasFiles(browser, `http://127.0.0.1:${PORT}`, options.keras);
      console.log(JSON.stringify({ browser: browser.version(), options, keras }));
      return;
    }
    if (options.fineTune !== null) {
      const fineTune = await measureFineTune(browser, `http://127.0.0.1:${PORT}`, CONTINENTAL_ONE, options.fineTune, options.overrides);
      console.log(JSON.stringify({ browser: browser.version(), cpu: cpus()[0]?.model ?? 'unknown', options, fineTune }));
      return;
    }
    if (options.heap !== null) {
      const heap = await measureHeap(browser, `http://127.0.0.1:${PORT}`, options.heap, MAX_RUN_FILE_BYTES);
      console.log(JSON.stringify({ browser: browser.version(), options, heap }));
      return;
    }
    for (const backend of options.backends) {
      for (const [n, network] of options.networks.entries()) {
        for (const [i, preset] of options.presets.entries()) {
          for (const kernels of backend === 'wasm' ? options.kernels : ['simd' as const]) {
            results.push(await runRow(browser, backend, options, preset, kernels, network, i === 0 && n === 0));
          }
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(results);
  console.log(JSON.stringify({ browser: browser.version(), options, results }));
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exit(1);
});
