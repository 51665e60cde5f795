/**
 * npm run measure:offline: what the service worker buys. Serves dist/ (the app as it ships), and
 * in a fresh browser context each time measures the time from navigation to the dataset ready
 * (`data-ready-ms`) on a first visit, on a second visit online, and on a second visit offline;
 * prints the medians and the precache's size (from dist/sw.js), then one JSON line.
 *
 *   --runs N   repetitions of the three visits (default 3)
 *   --port N   where to serve dist/ (default 4180)
 */
import { readFile, stat } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { preview } from 'vite';
import { launchOptions } from '../e2e/browser';
import { median } from '../src/ml/stats';

const argv = process.argv.slice(2);
const option = (flag: string, fallback: number): number => {
  const index = argv.indexOf(flag);
  return index === -1 ? fallback : Number(argv[index + 1]);
};
const RUNS = option('--runs', 3);
const PORT = option('--port', 4180);
const URL_PATH = '/?backend=wasm';

/** The files the service worker precaches, as the build listed them in dist/sw.js, and their bytes. */
async function precacheSize(): Promise<{ entries: number; bytes: number }> {
  const sw = await readFile(join('dist', 'sw.js'), 'utf8');
  const urls = [...new Set([...sw.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1] ?? ''))];
  const sizes = await Promise.all(urls.map(async (url) => (await stat(join('dist', url))).size));
  return { entries: urls.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

async function readyMs(page: Page): Promise<number> {
  const status = page.getByTestId('dataset-status');
  await status.and(page.locator('[data-state=ready]')).waitFor({ timeout: 120_000 });
  return Number(await status.getAttribute('data-ready-ms'));
}

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ ...launchOptions(), headless: true });
const browserVersion = browser.version();
const figures = { firstVisit: [] as number[], secondOnline: [] as number[], secondOffline: [] as number[] };
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}${URL_PATH}`);
    figures.firstVisit.push(await readyMs(page));
    await page.getByTestId('offline-status').and(page.locator('[data-state=ready]')).waitFor({ timeout: 120_000 });
    await page.reload();
    figures.secondOnline.push(await readyMs(page));
    await context.setOffline(true);
    await page.reload();
    figures.secondOffline.push(await readyMs(page));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const precache = await precacheSize();
const result = {
  browser: browserVersion,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  runs: RUNS,
  precache: { ...precache, megabytes: Math.round((precache.bytes / 1024 / 1024) * 100) / 100 },
  dataReadyMs: Object.fromEntries(Object.entries(figures).map(([name, values]) => [name, { median: Math.round(median(values)), values }])),
};
console.log(`precache: ${precache.entries} files, ${result.precache.megabytes} MiB`);
for (const [name, values] of Object.entries(figures)) {
  console.log(`${name.padEnd(14)} dataset ready after ${Math.round(median(values))} ms (median of ${values.length}: ${values.join(', ')})`);
}
console.log(JSON.stringify(result));
