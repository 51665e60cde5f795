import type { Browser, CDPSession, Page } from '@playwright/test';
import { footprint } from '../../e2e/footprint';

/** The page's JS heap after a forced collection, its `resize` listeners on window, and the epochs trained so far. */
export interface HeapSample {
  readonly seconds: number;
  readonly heapMB: number;
  readonly resizeListeners: number;
  readonly epochs: number;
  /** How long the page took to answer this sample: a main thread kept busy answers late. */
  readonly answerMs: number;
}

export interface HeapResult {
  /** A long training of small epochs: the heap sampled once a minute. */
  readonly training: { readonly minutes: number; readonly url: string; readonly samples: HeapSample[] };
  /** The largest run file the reader accepts, imported and opened. */
  readonly largestRun: {
    readonly bytes: number;
    readonly epochs: number;
    readonly histogramEpochs: number;
    readonly layers: number;
    readonly importMs: number;
    readonly openMs: number;
  };
}

const round = (value: number): number => Math.round(value * 10) / 10;

async function sample(page: Page, cdp: CDPSession, started: number): Promise<HeapSample> {
  const asked = Date.now();
  await page.evaluate(() => 0);
  const answerMs = Date.now() - asked;
  const { heapMB, resizeListeners } = await footprint(cdp);
  const last = (await page.getByTestId('epoch-log').locator('li').last().textContent()) ?? '';
  const epochs = Number(/Epoch (\d+)\//.exec(last)?.[1] ?? 0);
  return {
    seconds: Math.round((Date.now() - started) / 1000),
    heapMB: round(heapMB),
    resizeListeners,
    epochs,
    answerMs,
  };
}

/** Trains small epochs (1,000 a click, Train again when they end) for `minutes` with every chart live, sampling the heap each minute. */
async function longTraining(browser: Browser, base: string, minutes: number): Promise<HeapResult['training']> {
  const url = `${base}/?backend=wasm&epochs=1000&trainSize=1000&batchSize=50&testSize=200`;
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('[data-testid=dataset-status][data-state=ready]').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('[data-testid=train-status][data-state=training]').waitFor();
  const started = Date.now();
  const samples = [await sample(page, cdp, started)];
  const train = page.getByRole('button', { name: 'Train', exact: true });
  while (Date.now() - started < minutes * 60_000) {
    await page.waitForTimeout(60_000);
    samples.push(await sample(page, cdp, started));
    // 1,000 epochs a click at most: Train again goes on with the same run.
    if (await train.isEnabled()) await train.click();
  }
  // A page kept busy by the training may take a while to take the click.
  const stop = page.getByRole('button', { name: 'Stop' });
  if (await stop.isEnabled()) await stop.click({ timeout: 120_000 });
  await page.close();
  return { minutes, url, samples };
}

/**
 * A run file as large as the reader takes: 10,000 epochs, 1,000 epochs of histograms, layers
 * of 200 bins added until the file nears its 5 MB bound. Returned with its counts.
 */
function largestRunFile(exported: string, maxBytes: number): { text: string; epochs: number; histogramEpochs: number; layers: number } {
  const run = JSON.parse(exported) as {
    id: string;
    epochs: object[];
    plannedEpochs: number;
    histograms: { epoch: number; layers: object[] }[];
  };
  const [epoch] = run.epochs;
  const [histogram] = run.histograms;
  if (!epoch || !histogram) throw new Error('the exported run has no epoch or histograms');
  run.epochs = Array.from({ length: 10_000 }, (_, i) => ({ ...epoch, epoch: i + 1, lastEpoch: 10_000 }));
  run.plannedEpochs = 10_000;
  run.id = `${run.id}-largest`;
  const layer = (i: number) => ({
    layer: `conv2d_${i + 1}`,
    min: -1,
    max: 1,
    counts: Array.from({ length: 200 }, (_, bin) => (bin + i) % 7),
  });
  const bare = JSON.stringify(run).length;
  const perLayer = JSON.stringify(layer(0)).length + 1;
  // 1,000 epochs of histograms (the bound), with as many layers (up to 32) as the file's bound leaves room for.
  const histogramEpochs = 1_000;
  const layers = Math.max(1, Math.min(32, Math.floor((maxBytes - bare - 20_000) / (histogramEpochs * perLayer + 20))));
  run.histograms = Array.from({ length: histogramEpochs }, (_, i) => ({
    epoch: i * 10 + 1,
    layers: Array.from({ length: layers }, (_, l) => layer(l)),
  }));
  return { text: JSON.stringify(run), epochs: 10_000, histogramEpochs, layers };
}

async function largestRun(browser: Browser, base: string, maxBytes: number): Promise<HeapResult['largestRun']> {
  const page = await browser.newPage();
  await page.goto(`${base}/?backend=wasm&epochs=1&trainSize=500&batchSize=50&testSize=100`);
  await page.locator('[data-testid=dataset-status][data-state=ready]').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('[data-testid=train-status][data-state=done]').waitFor({ timeout: 120_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('run').first().getByRole('button', { name: 'Download JSON' }).click();
  const exported = await (await download).createReadStream().then(async (stream) => {
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text;
  });
  const file = largestRunFile(exported, maxBytes);
  let t = Date.now();
  await page
    .getByLabel('Import a run (JSON)')
    .setInputFiles({ name: 'largest.json', mimeType: 'application/json', buffer: Buffer.from(file.text) });
  const imported = page.getByTestId('run').filter({ hasText: '10000/10000 epochs' });
  await imported.waitFor({ timeout: 120_000 });
  const importMs = Date.now() - t;
  t = Date.now();
  await imported.getByRole('button', { name: 'Open' }).click();
  // Open: every layer's heatmap drawn.
  await page.waitForFunction(
    (layers) =>
      document.querySelectorAll('[data-testid=run-view] [data-testid^=run-history-] .chart-surface[data-rendered=true]').length >= layers,
    file.layers,
    { timeout: 120_000, polling: 50 },
  );
  const openMs = Date.now() - t;
  await page.close();
  return { bytes: file.text.length, epochs: file.epochs, histogramEpochs: file.histogramEpochs, layers: file.layers, importMs, openMs };
}

/** The page's memory over a long training, and the cost of the largest run file it accepts. */
export async function measureHeap(browser: Browser, base: string, minutes: number, maxRunBytes: number): Promise<HeapResult> {
  return { largestRun: await largestRun(browser, base, maxRunBytes), training: await longTraining(browser, base, minutes) };
}
