import type { Locator, Page } from '@playwright/test';
import { expect, test } from './test';
import { expectDatasetReady } from './fixtures';

const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const toggle = (page: Page) => page.getByRole('button', { name: 'Settings and network' });

/** Whether the whole of an element lies inside the viewport. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

test('at 1280×800 training is watched on one screen: Train, the progress, a live chart and the drawing pad, the settings folded', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?backend=wasm&epochs=1&trainSize=30000&testSize=200');
  await expectDatasetReady(page);
  // Folded on a first visit: the form is there, but out of the way.
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Epochs', { exact: true })).toBeHidden();
  await expect(page.getByTestId('recipe-line')).toContainText('Your own recipe: adam 0.001 constant · batch 128 · 1 epoch');

  await trainButton(page).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'training');
  const batchChart = page.getByTestId('chart-batch-loss').locator('.chart-surface');
  await expect(batchChart).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'training');
  for (const part of [trainButton(page), page.getByLabel('Training progress'), batchChart, page.getByLabel('Drawing pad')]) {
    expect(await inView(page, part)).toBe(true);
  }
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'stopped');

  // Opened, the form comes in under the bar, and stays open on the next visit.
  await toggle(page).click();
  await expect(page.getByLabel('Epochs', { exact: true })).toBeVisible();
  await page.reload();
  await expectDatasetReady(page);
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Epochs', { exact: true })).toBeVisible();
});

test('at 390 px nothing overflows, the curves come before the rest, and Train stays at hand while the page scrolls', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?backend=wasm&epochs=1&trainSize=1000&testSize=200&batchSize=64');
  await expectDatasetReady(page);
  await expect(trainButton(page)).toBeEnabled();
  expect(await inView(page, trainButton(page))).toBe(true);
  const curves = page.getByRole('region', { name: 'Learning curves' });
  const draw = page.getByRole('region', { name: 'Draw a digit' });
  const runsPanel = page.getByRole('region', { name: 'Runs' });
  const top = async (locator: Locator): Promise<number> => (await locator.boundingBox())?.y ?? Number.NaN;
  expect(await top(curves)).toBeLessThan(await top(draw));
  expect(await top(draw)).toBeLessThan(await top(runsPanel));

  // Far down the page, the bar is still there: Train is one tap away.
  await runsPanel.scrollIntoViewIfNeeded();
  expect(await inView(page, trainButton(page))).toBe(true);
  await trainButton(page).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await toggle(page).click();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});

test('the page stays responsive while a run trains: the main thread has no task past 100 ms, and hardly any past 50 ms', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?backend=wasm&epochs=1&trainSize=12000&testSize=1000');
  await expectDatasetReady(page);
  await expect(trainButton(page)).toBeEnabled();
  await page.evaluate(() => {
    const seen: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
    Object.assign(window, { longTasks: seen });
  });
  await trainButton(page).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // Every chart of the epoch's end drawn: the batch curve, the epoch curves, the histograms.
  await expect(page.getByTestId('chart-epoch-loss').locator('.chart-surface')).toHaveAttribute('data-rendered', 'true');
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate((): unknown => Reflect.get(window, 'longTasks'));
  expect(Array.isArray(tasks)).toBe(true);
  const durations = Array.isArray(tasks) ? tasks.filter((value): value is number => typeof value === 'number') : [];
  // Zero past 50 ms in the bench on a quiet machine (it was 25 per epoch, up to 91 ms, before charts were streamed and
  // drawn in pieces); a test shares two cores with the worker and the rest of the suite, so one or two may just pass 50.
  expect(durations.filter((ms) => ms > 100)).toEqual([]);
  expect(durations.filter((ms) => ms > 50).length).toBeLessThanOrEqual(2);
});
