import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { expectDatasetReady } from './fixtures';

const batchChart = (page: Page) => page.getByTestId('chart-batch-loss');
const series = async (page: Page): Promise<string[]> =>
  JSON.parse((await batchChart(page).getAttribute('data-series')) ?? '[]') as string[];

test('the batch curve is smoothed as TensorBoard smooths it, on a log axis if asked; the address keeps both', async ({ page }) => {
  await page.goto('/?epochs=1&trainSize=1000&batchSize=32&testSize=200');
  await expectDatasetReady(page);
  // Before anything is trained, each chart says what will appear there.
  await expect(batchChart(page).getByTestId('chart-placeholder')).toContainText('as soon as training starts');
  await expect(page.getByTestId('chart-epoch-loss').getByTestId('chart-placeholder')).toContainText('after the first epoch');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(batchChart(page).getByTestId('chart-placeholder')).toHaveCount(0);
  await expect(batchChart(page).locator('.chart-surface')).toHaveAttribute('data-rendered', 'true');
  // TensorBoard's default: smoothed, with the raw curve behind it.
  const smoothing = page.getByLabel('Smoothing');
  await expect(smoothing).toHaveValue('0.6');
  expect(await series(page)).toEqual(['this model raw', 'this model batch']);
  // The notebook's constant rate is a sentence, not a flat chart.
  await expect(page.getByTestId('chart-learning-rate')).toHaveText('Learning rate: 0.001 at every batch so far (a constant schedule).');

  await smoothing.fill('0');
  await expect.poll(() => series(page)).toEqual(['this model batch']);
  await smoothing.fill('0.9');
  await page.getByRole('checkbox', { name: 'Log scale' }).check();
  await expect(page).toHaveURL(/smoothing=0\.9/);
  await expect(page).toHaveURL(/logScale=1/);

  await page.reload();
  await expectDatasetReady(page);
  await expect(page.getByLabel('Smoothing')).toHaveValue('0.9');
  await expect(page.getByRole('checkbox', { name: 'Log scale' })).toBeChecked();
});
