import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { expectDatasetReady, idxTrain, openSettings } from './fixtures';

type Matrix = number[][];

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const result = (page: Page) => page.getByTestId('evaluation-result');

test('a held-out share validates as Keras’ validation_split does, and the test set waits for Evaluate', async ({ page }) => {
  const train = await idxTrain();
  await page.goto('/?backend=wasm&epochs=1&trainSize=2000&batchSize=64&testSize=300');
  await expectDatasetReady(page);
  await openSettings(page);
  await field(page, 'Validation').selectOption('split');
  await field(page, 'Validation share').fill('1e-1');
  await expect(field(page, 'Validation share')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await field(page, 'Validation share').fill('0.2');
  await expect(page).toHaveURL(/validation=split&validationSplit=0\.2/);
  await expect(page.getByTestId('recipe-line')).toContainText('validated on 20 % held out');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // 1,600 images trained on (25 batches of 64); the last 400 of the 2,000 scored, not the test set.
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 1/1 · 25 steps');
  await expect(result(page)).toHaveAttribute('data-on', 'validation');
  await expect(result(page)).toContainText('on 400 held-out training images');
  await expect(page.getByRole('heading', { name: 'Evaluation on the held-out images' })).toBeVisible();
  const heatmap = page.getByTestId('confusion-matrix');
  const matrix = JSON.parse((await heatmap.getAttribute('data-matrix')) ?? '[]') as Matrix;
  const perDigit = Array.from({ length: 10 }, (_, d) => train.labels.subarray(1600, 2000).filter((label) => label === d).length);
  expect(matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(perDigit);
  const run = page.getByTestId('run').first();
  await expect(run).toContainText(/· val \d+\.\d\d %/);

  // A cell's images are those training images, named by their place in the training set.
  const digit = perDigit.findIndex((n) => n > 0);
  await heatmap.getByRole('button', { name: new RegExp(`^True ${digit}, predicted ${digit}:`) }).click();
  const first = page.getByTestId('gallery-item').first();
  const index = Number(await first.getAttribute('data-index'));
  await expect(first.getByRole('button', { name: `Inspect training image ${1600 + index}` })).toBeVisible();
  expect(train.labels[1600 + index]).toBe(digit);

  // Evaluate is the one look at the test set; the run keeps its validation.
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(result(page)).toHaveAttribute('data-on', 'test');
  await expect(result(page)).toContainText('on 300 test images');
  await expect(run).toContainText(/· val \d+\.\d\d %/);

  // The notebook's way beside it: the comparison says what each was validated on.
  await field(page, 'Validation').selectOption('test');
  await page.getByRole('button', { name: 'Train from scratch' }).click();
  await expect(page.getByTestId('run')).toHaveCount(2);
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(result(page)).toHaveAttribute('data-on', 'test');
  for (const each of await page.getByTestId('run').all()) await each.getByRole('checkbox', { name: 'Compare' }).check();
  const validated = page.getByTestId('compare').getByRole('row', { name: /^Validated on/ });
  await expect(validated).toContainText('test set');
  await expect(validated).toContainText('20 % held out');
});
