import type { Browser, Page } from '@playwright/test';

/** What keeping runs costs: the size of one stored run, and opening a page with many of them. */
export interface RunStoreResult {
  /** The JSON size of one run of `epochs` epochs on the whole training set. */
  runBytes: number;
  epochs: number;
  storedRuns: number;
  /** From navigation to every stored run listed, and to the dataset ready, with `storedRuns` runs… */
  withRuns: { runsListedMs: number; dataReadyMs: number };
  /** …and with none. */
  empty: { runsListedMs: number; dataReadyMs: number };
}

async function openTimes(page: Page, url: string, runs: number): Promise<{ runsListedMs: number; dataReadyMs: number }> {
  await page.goto(url);
  const runsListedMs = await page.waitForFunction(
    (count) => {
      const listed = document.querySelectorAll('[data-testid=run]').length;
      const ready = document.querySelector('[data-testid=runs]') !== null;
      return ready && listed >= count ? performance.now() : false;
    },
    runs,
    { timeout: 120_000, polling: 10 },
  );
  await page.locator('[data-testid=dataset-status][data-state=ready]').waitFor({ timeout: 120_000 });
  return {
    runsListedMs: Math.round(Number(await runsListedMs.jsonValue())),
    dataReadyMs: Number(await page.getByTestId('dataset-status').getAttribute('data-ready-ms')),
  };
}

/**
 * Trains one real run of `epochs` epochs on the whole training set, stores `count − 1`
 * copies of it beside it, and times opening the page with them against an empty store.
 */
export async function measureRunStore(browser: Browser, base: string, epochs: number, count: number): Promise<RunStoreResult> {
  const url = `${base}/?backend=wasm&epochs=${epochs}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid=dataset-status][data-state=ready]').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.locator('[data-testid=train-status][data-state=done]').waitFor({ timeout: 30 * 60_000 });
  await page.locator('[data-testid=run][data-state=done]').waitFor();
  const runBytes = await page.evaluate(async (copies) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('mnist-in-a-tab-runs');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('no database'));
    });
    const read = db.transaction('runs').objectStore('runs').getAll();
    const [run] = await new Promise<{ id: string; startedAt: string }[]>((resolve) => {
      read.onsuccess = () => resolve(read.result as { id: string; startedAt: string }[]);
    });
    if (!run) throw new Error('no run was kept');
    const write = db.transaction('runs', 'readwrite');
    for (let i = 1; i < copies; i++)
      write
        .objectStore('runs')
        .put({ ...run, id: `${run.id}-copy${i}`, startedAt: new Date(Date.parse(run.startedAt) - i * 1000).toISOString() });
    await new Promise((resolve) => (write.oncomplete = resolve));
    db.close();
    return JSON.stringify(run).length;
  }, count);
  const withRuns = await openTimes(page, url, count);
  await context.close();
  // The same warm start as above: one visit first, then the timed one.
  const fresh = await browser.newContext();
  const emptyPage = await fresh.newPage();
  await openTimes(emptyPage, url, 0);
  const empty = await openTimes(emptyPage, url, 0);
  await fresh.close();
  return { runBytes, epochs, storedRuns: count, withRuns, empty };
}
