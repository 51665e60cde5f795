import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { draw, expectSame, ONE, probabilities } from './draw';
import { expectDatasetReady } from './fixtures';
import { downloadModel } from './modelFiles';

async function trainBriefly(page: Page): Promise<void> {
  await page.goto('/?epochs=1&trainSize=6000&batchSize=32&testSize=1000');
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('a saved model survives a reload and gives the same drawing the same probabilities', async ({ page }) => {
  await trainBriefly(page);
  await draw(page, ONE);
  const before = await probabilities(page);

  await page.getByLabel('Name').fill('my first model');
  await page.getByRole('button', { name: 'Save model' }).click();
  const saved = page.getByTestId('saved-models').getByRole('listitem');
  await expect(saved).toHaveCount(1);
  await expect(saved).toContainText('my first model');
  await expect(saved).toContainText('1 epoch');
  await expect(saved).toContainText('in use');

  await page.reload();
  await expectDatasetReady(page);
  await expect(page.getByTestId('saved-models').getByRole('listitem')).toContainText('my first model');
  await expect(page.getByTestId('saved-models')).toContainText('in use');
  // Restored: the drawing pad works at once and the model is scored again.
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);
  await expect(page.getByTestId('test-accuracy')).toBeVisible();
  await draw(page, ONE);
  expectSame(await probabilities(page), before);

  await page.getByRole('button', { name: 'Delete my first model' }).click();
  await expect(page.getByTestId('saved-models')).toContainText('No saved models yet');
});

test('download then upload gives identical predictions; a corrupted weights file is refused and changes nothing', async ({
  page,
}, testInfo) => {
  await trainBriefly(page);
  await draw(page, ONE);
  const trained = await probabilities(page);

  const downloaded = await downloadModel(page, testInfo);
  const files: Record<string, string> = { 'model.json': downloaded.json, 'weights.bin': downloaded.weights };
  const json = JSON.parse(await readFile(files['model.json'] ?? '', 'utf8')) as { format: string };
  expect(json.format).toBe('layers-model');
  expect((await readFile(files['weights.bin'] ?? '')).byteLength).toBe(42_358 * 4);

  // Fresh weights, then the downloaded files back.
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('draw-hint')).toBeVisible();
  const upload = page.getByLabel('Upload a model');
  await upload.setInputFiles([files['model.json'] ?? '', files['weights.bin'] ?? '']);
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear' }).click();
  await draw(page, ONE);
  expectSame(await probabilities(page), trained);

  // A weights file cut short: an alert, and the model in memory still answers as before.
  const truncated = testInfo.outputPath('short-weights.bin');
  await writeFile(truncated, (await readFile(files['weights.bin'] ?? '')).subarray(0, 1000));
  await upload.setInputFiles([files['model.json'] ?? '', truncated]);
  await expect(page.getByRole('alert')).toContainText('That model was not loaded: the weights file has 1000 bytes, not 169432');
  await page.getByRole('button', { name: 'Clear' }).click();
  await draw(page, ONE);
  expectSame(await probabilities(page), trained);

  // A model.json with a layer this app does not train: refused too.
  const foreign = testInfo.outputPath('foreign.json');
  const parsed = JSON.parse(await readFile(files['model.json'] ?? '', 'utf8')) as { modelTopology: { config: { layers: unknown[] } } };
  parsed.modelTopology.config.layers[2] = { class_name: 'LSTM', config: { name: 'lstm', units: 8 } };
  await writeFile(foreign, JSON.stringify(parsed));
  await upload.setInputFiles([foreign, files['weights.bin'] ?? '']);
  await expect(page.getByRole('alert')).toContainText(
    'layer 3 is "LSTM"; this app trains Conv2D, MaxPooling2D, BatchNormalization, Dropout, Flatten and Dense',
  );

  // Files past the 10 MB bound are refused before they are even read.
  const huge = testInfo.outputPath('huge-weights.bin');
  await writeFile(huge, Buffer.alloc(11 * 2 ** 20));
  await upload.setInputFiles([files['model.json'] ?? '', huge]);
  await expect(page.getByRole('alert')).toContainText('That model was not loaded: the files are larger than 10 MB');

  // The right shapes and sizes, but NaN in a weight: the worker refuses to adopt it.
  const poisoned = testInfo.outputPath('nan-weights.bin');
  const bytes = Buffer.from(await readFile(files['weights.bin'] ?? ''));
  bytes.writeFloatLE(Number.NaN, 0);
  await writeFile(poisoned, bytes);
  await upload.setInputFiles([files['model.json'] ?? '', poisoned]);
  await expect(page.getByRole('alert')).toContainText('its weights contain NaN or infinite values. The current model is unchanged');

  await page.getByRole('button', { name: 'Clear' }).click();
  await draw(page, ONE);
  expectSame(await probabilities(page), trained);
});

test('a full disk makes Save fail with an alert, and training and prediction carry on', async ({ page, context, baseURL }) => {
  // Set before the page opens its database: Chromium checks a quota changed later only now and then.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 1 });
  await trainBriefly(page);
  // Even the weights kept for the next visit do not fit, and the page says so.
  const modelAlert = page.getByRole('region', { name: 'Models' }).getByRole('alert');
  await expect(modelAlert).toContainText('Keeping the current weights for your next visit failed');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(modelAlert).toContainText("Saving the model failed: the browser's storage for this site is full");
  await expect(page.getByTestId('saved-models')).toContainText('No saved models yet');

  await draw(page, ONE);
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 2/2');
});
