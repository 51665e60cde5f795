import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expectDatasetReady, openSettings } from './fixtures';
import { expect, test } from './test';

const trainStatus = (page: Page) => page.getByTestId('train-status');
const runs = (page: Page) => page.getByTestId('run');
const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });

async function open(page: Page, query = '?backend=wasm&trainSize=2000&testSize=500&batchSize=64'): Promise<void> {
  await page.goto(`/${query}`);
  await expectDatasetReady(page);
  await openSettings(page);
  await expect(trainButton(page)).toBeEnabled();
}

async function train(page: Page): Promise<void> {
  await trainButton(page).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const download = new Promise<Download>((resolve) => page.once('download', resolve));
  await click();
  return readFile(await (await download).path(), 'utf8');
}

test('two runs set in the form are kept across a reload, compared side by side, and exported as Keras CSV', async ({ page }) => {
  await open(page);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.003');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await expect(page).toHaveURL(/learningRate=0\.003/);
  await train(page);
  await expect(runs(page)).toHaveCount(1);
  await expect(runs(page).first()).toHaveAttribute('data-state', 'done');
  await expect(runs(page).first()).toContainText('adam 0.003');
  await expect(runs(page).first()).toHaveText(/\d{8}-\d{6}/);

  // Train again without a change: the same run goes on.
  await train(page);
  await expect(runs(page)).toHaveCount(1);
  await expect(runs(page).first()).toContainText('2/2 epochs');

  await page.getByLabel('Learning rate', { exact: true }).fill('0.0005');
  await page.getByRole('button', { name: 'Reset' }).click();
  await train(page);
  await expect(runs(page)).toHaveCount(2);
  const epochLine = await page.getByTestId('epoch-log').innerText();

  await page.reload();
  await expectDatasetReady(page);
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.0005');
  await expect(runs(page)).toHaveCount(2);
  await expect(runs(page).nth(0)).toContainText('adam 0.0005');
  await expect(runs(page).nth(1)).toContainText('adam 0.003');
  const ids = await runs(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-run-id')));

  for (const run of await runs(page).all()) await run.getByRole('checkbox', { name: 'Compare' }).check();
  const compare = page.getByTestId('compare');
  await expect(compare).toHaveAttribute('data-runs', JSON.stringify(ids));
  for (const chart of ['compare-epoch-loss', 'compare-epoch-accuracy', 'compare-batch-loss']) {
    await expect(compare.getByTestId(chart).locator('.chart-surface')).toHaveAttribute('data-rendered', 'true');
  }
  const series = JSON.parse((await compare.getByTestId('compare-batch-loss').getAttribute('data-series')) ?? '[]') as string[];
  expect(series).toHaveLength(2);
  const lossSeries = JSON.parse((await compare.getByTestId('compare-epoch-loss').getAttribute('data-series')) ?? '[]') as string[];
  expect(lossSeries).toHaveLength(4);
  await expect(compare.getByRole('row', { name: /^Learning rate/ }).locator('mark')).toHaveText(['0.0005', '0.003']);
  // Each run is named by what sets it apart, in the table as in the legends (the time stamp is the tooltip).
  await expect(compare.locator('thead .run-label')).toHaveText(['lr 0.0005', 'lr 0.003']);
  expect(series).toEqual(['lr 0.0005 batch', 'lr 0.003 batch']);
  await expect(runs(page).nth(0).locator('.run-label')).toHaveText('lr 0.0005');
  await expect(runs(page).nth(0).locator('.run-label')).toHaveAttribute('title', ids[0] ?? '');
  await expect(compare.getByRole('row', { name: /^Batch size/ }).locator('mark')).toHaveCount(0);

  // The CSV of the newest run: Keras' columns, epoch 0, the values of its epoch log.
  const csv = await downloaded(page, () => runs(page).first().getByRole('button', { name: 'Download CSV' }).click());
  const [header, row, ...rest] = csv.trim().split('\n');
  expect(header).toBe('epoch,accuracy,loss,val_accuracy,val_loss');
  expect(rest).toEqual([]);
  const [epoch, accuracy, loss, valAccuracy, valLoss] = (row ?? '').split(',').map(Number);
  expect(epoch).toBe(0);
  const logged = (name: string): number => Number(new RegExp(` ${name} (\\d+\\.\\d+)`).exec(epochLine)?.[1]);
  expect(accuracy?.toFixed(4)).toBe(logged('accuracy').toFixed(4));
  expect(loss?.toFixed(4)).toBe(logged('loss').toFixed(4));
  expect(valAccuracy?.toFixed(4)).toBe(logged('val_accuracy').toFixed(4));
  expect(valLoss?.toFixed(4)).toBe(logged('val_loss').toFixed(4));
});

test('a past run opens as it ended, can be renamed, exported as JSON, deleted and imported back; a bad file is refused', async ({
  page,
}, testInfo) => {
  await open(page, '?backend=wasm&epochs=1&trainSize=2000&testSize=500&batchSize=64');
  await train(page);
  const run = runs(page).first();
  await run.getByRole('button', { name: 'Open' }).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-confusion-matrix')).toHaveAttribute(
    'data-matrix',
    (await page.getByTestId('confusion-matrix').getAttribute('data-matrix')) ?? '',
  );
  await expect(view.getByTestId('run-history-conv2d_1').locator('.chart-surface')).toHaveAttribute('data-rendered', 'true');

  await run.getByRole('button', { name: 'Rename' }).click();
  await run.getByLabel('Run name').fill('lr 0.001 baseline');
  await run.getByRole('button', { name: 'Save name' }).click();
  await expect(run).toContainText('lr 0.001 baseline');

  const json = await downloaded(page, () => run.getByRole('button', { name: 'Download JSON' }).click());
  const path = testInfo.outputPath('run.json');
  await writeFile(path, json);
  await run.getByRole('button', { name: 'Delete' }).click();
  await expect(runs(page)).toHaveCount(0);
  const importer = page.getByLabel('Import a run (JSON)');
  await importer.setInputFiles(path);
  await expect(runs(page)).toHaveCount(1);
  await expect(runs(page).first()).toContainText('lr 0.001 baseline');

  const bad = testInfo.outputPath('bad.json');
  await writeFile(bad, json.replace('"format":"mnist-in-a-tab-run"', '"format":"something-else"'));
  await importer.setInputFiles(bad);
  await expect(page.getByRole('region', { name: 'Runs' }).getByRole('alert')).toHaveText(
    'bad.json was not imported: it is not a run exported by this app. The kept runs are unchanged.',
  );
  await expect(runs(page)).toHaveCount(1);
});

test('a bad value in the form is named beside its field and Train waits; the notebook recipe comes back in one click', async ({ page }) => {
  await open(page);
  for (const [label, text, message] of [
    ['Epochs', 'abc', 'Epochs must be a whole number from 1 to 1000.'],
    ['Epochs', '-1', 'Epochs must be a whole number from 1 to 1000.'],
    ['Learning rate', '1e309', 'Learning rate must be a number from 0.000001 to 1, like 0.001 or 1e-3.'],
    ['Batch size', '', 'Batch size must be a whole number from 1 to 4096.'],
  ] as const) {
    const field = page.getByLabel(label, { exact: true });
    await field.fill(text);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(message)).toBeVisible();
    await expect(trainButton(page)).toBeDisabled();
    // Whatever Train would use is not the notebook's while a field is wrong.
    await expect(page.getByTestId('recipe')).toHaveText('In use: a recipe of your own');
    await page.getByRole('button', { name: 'Notebook recipe' }).click();
    await expect(page.getByTestId('recipe')).toHaveText('In use: the notebook recipe');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(trainButton(page)).toBeEnabled();
  }
  // A rate as a Keras user writes it: the same rate, so still the notebook's recipe.
  for (const text of ['1e-3', '.001']) {
    await page.getByLabel('Learning rate', { exact: true }).fill(text);
    await expect(page.getByLabel('Learning rate', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await expect(trainButton(page)).toBeEnabled();
    await expect(page.getByTestId('recipe')).toHaveText('In use: the notebook recipe');
  }
  await page.getByLabel('Learning rate', { exact: true }).fill('0.001');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('5');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('128');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('0.001');
  await expect(page.getByLabel('Optimizer', { exact: true })).toHaveValue('adam');
  await expect(page.getByLabel('Training images', { exact: true })).toHaveValue('60000');
  await expect(page.getByLabel('Test images', { exact: true })).toHaveValue('10000');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('42');
  // The seed and the engine are not part of a recipe: the engine chosen in the link stays.
  await expect(page.getByLabel('Engine', { exact: true })).toHaveValue('wasm');
  await expect(page).toHaveURL(/\/\?backend=wasm$/);
});

test('settings are locked while training, and a run the storage cannot keep still trains, saying so', async ({
  page,
  context,
  baseURL,
}) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 1 });
  await open(page, '?backend=wasm&epochs=2&trainSize=4000&testSize=500&batchSize=64');
  await trainButton(page).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'training');
  await expect(page.getByLabel('Learning rate', { exact: true })).toBeDisabled();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByLabel('Learning rate', { exact: true })).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Runs' }).getByRole('alert')).toContainText(
    "This run could not be kept: the browser's storage for this site is full. Training goes on",
  );
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 2/2');
  await expect(runs(page)).toHaveCount(1);
});

test('at 390 px wide nothing overflows the page, with runs compared and the evaluation shown', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '?backend=wasm&epochs=1&trainSize=1000&testSize=300&batchSize=64');
  await train(page);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.003');
  await train(page);
  for (const run of await runs(page).all()) await run.getByRole('checkbox', { name: 'Compare' }).check();
  await expect(page.getByTestId('compare').getByTestId('compare-epoch-loss').locator('.chart-surface')).toHaveAttribute(
    'data-rendered',
    'true',
  );
  await runs(page).first().getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('run-view')).toBeVisible();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
});

test('choosing an engine moves the model there, the link keeps it, and the run records it', async ({ page }) => {
  await open(page, '?epochs=1&trainSize=512&testSize=200&batchSize=64');
  await page.getByLabel('Engine', { exact: true }).selectOption('cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  await expect(page).toHaveURL(/backend=cpu/);
  await train(page);
  await expect(runs(page).first()).toContainText('· cpu');
  await page.reload();
  await expectDatasetReady(page);
  await expect(page.getByLabel('Engine', { exact: true })).toHaveValue('cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
});
