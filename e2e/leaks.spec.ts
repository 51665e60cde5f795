import type { Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';
import { footprint } from './footprint';
import { expect, test } from './test';

async function openAndClose(page: Page): Promise<void> {
  const run = page.getByTestId('run').first();
  await run.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('run-view').getByTestId('run-history-conv2d_1').locator('.chart-surface')).toHaveAttribute(
    'data-rendered',
    'true',
  );
  await run.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('run-view')).toHaveCount(0);
}

test('opening and closing a run again and again leaves the listeners and the heap where they were', async ({ page }) => {
  await page.goto('/?backend=wasm&epochs=1&trainSize=512&testSize=200');
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 40_000 });
  const cdp = await page.context().newCDPSession(page);
  // Once first, so the chart library and its caches are loaded before the count starts.
  await openAndClose(page);
  const before = await footprint(cdp);
  for (let i = 0; i < 30; i++) await openAndClose(page);
  const after = await footprint(cdp);
  // Unfinalized views added 4 resize listeners and about 2 MB an open.
  expect(after.resizeListeners).toBe(before.resizeListeners);
  expect(after.heapMB - before.heapMB).toBeLessThan(8);
});
