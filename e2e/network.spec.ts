import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { draw, ONE } from './draw';
import { expectDatasetReady, openSettings } from './fixtures';

const SMALL = '?epochs=1&trainSize=2000&batchSize=32&testSize=500';
const NOTEBOOK = 'c8-p-d0.2-c16-p-d0.2-f-h100-d0.5';
/** 40 + 16 + 12,560 + 170 parameters. */
const MINE = 'c4s-p-b-f-h16';

const networkField = (page: Page) => page.getByLabel('Network as text');
const summary = (page: Page) => page.getByTestId('chart-model-summary');
const planned = (page: Page) => page.getByTestId('network-summary');
const layerRow = (page: Page, position: number) => page.getByTestId('network-layer').nth(position - 1);

async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('a network typed as text is sized before it is built, trains, and is kept with its run and its saved model', async ({ page }) => {
  await page.goto(`/${SMALL}`);
  await expectDatasetReady(page);
  await openSettings(page);
  await expect(networkField(page)).toHaveValue(NOTEBOOK);
  await expect(planned(page)).toHaveAttribute('data-params', '42358');

  // A network that cannot be trained is named beside the field, and Train waits.
  await networkField(page).fill('c8-h10');
  await expect(layerRow(page, 2).getByRole('alert')).toHaveText(
    'Layer 2 (Dense) needs flat data, but it gets 26×26×8 maps: add a Flatten before it.',
  );
  await expect(networkField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await networkField(page).fill(MINE);
  await expect(planned(page)).toHaveAttribute('data-params', '12786');
  await expect(page.getByTestId('network-layer')).toHaveCount(5);
  await expect(page).toHaveURL(/net=c4s-p-b-f-h16/);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  await train(page);
  await expect(summary(page)).toContainText('batch_normalization_1 (BatchNormalization)');
  await expect(summary(page)).toContainText('(None, 14, 14, 4)');
  await expect(summary(page)).toContainText('12,786');
  const runs = page.getByTestId('run');
  await expect(runs.first()).toHaveAttribute('data-network', MINE);
  await draw(page, ONE);
  await expect(page.getByText('Convolution 1: 4 feature maps, 28×28')).toBeVisible();

  // A second run of another network: the comparison marks the difference.
  await networkField(page).fill('f-h32');
  await train(page);
  await expect(runs).toHaveCount(2);
  await expect(summary(page)).toContainText('25,450');
  for (const run of await runs.all()) await run.getByRole('checkbox', { name: 'Compare' }).check();
  const compare = page.getByTestId('compare');
  await expect(compare.getByRole('row', { name: /^Network/ }).locator('mark')).toHaveText(['f-h32', MINE]);
  await expect(compare.getByRole('row', { name: /^Parameters/ }).locator('mark')).toHaveText(['25,450', '12,786']);

  await page.getByLabel('Name').fill('dense only');
  await page.getByRole('button', { name: 'Save model' }).click();
  const saved = page.getByTestId('saved-models').locator('li[data-model-id]');
  await expect(saved).toHaveAttribute('data-network', 'f-h32');

  // Back to the notebook's network with fresh weights; a new page starts from the saved model, and the field follows it.
  await networkField(page).fill(NOTEBOOK);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(summary(page)).toContainText('42,358');
  await expect(page).not.toHaveURL(/net=/);
  await page.reload();
  await expectDatasetReady(page);
  await expect(summary(page)).toContainText('25,450');
  await expect(networkField(page)).toHaveValue('f-h32');

  // And when it is loaded by hand.
  await networkField(page).fill(NOTEBOOK);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(summary(page)).toContainText('42,358');
  await page.getByRole('button', { name: 'Load dense only' }).click();
  await expect(summary(page)).toContainText('25,450');
  await expect(networkField(page)).toHaveValue('f-h32');
  await draw(page, ONE);
  await expect(page.getByText('This network has no convolutions')).toBeVisible();
});

test('a network in the address that cannot be trained is named, and the notebook’s is used', async ({ page }) => {
  await page.goto('/?net=c8-p-h10');
  await expectDatasetReady(page);
  await openSettings(page);
  await expect(page.getByTestId('notices')).toContainText(
    "net=c8-p-h10 cannot be trained: Layer 3 (Dense) needs flat data, but it gets 13×13×8 maps: add a Flatten before it; using the notebook's network.",
  );
  await expect(networkField(page)).toHaveValue(NOTEBOOK);
  await expect(summary(page)).toContainText('42,358');
});

test('the network is edited row by row: the summary and total follow every change before anything is built', async ({ page }) => {
  await page.goto(`/?backend=cpu&epochs=1&trainSize=1600&batchSize=64&testSize=200`);
  await expectDatasetReady(page);
  await openSettings(page);
  await expect(planned(page)).toHaveAttribute('data-network', NOTEBOOK);
  await expect(page.getByTestId('network-layer')).toHaveCount(9);
  await expect(page.getByTestId('keras-code')).toContainText('layers.Conv2D(8, (3, 3), activation="relu"),');

  // A Conv2D goes in before the Flatten, where it can work.
  await page.getByLabel('Layer to add').selectOption('conv2d');
  await page.getByRole('button', { name: 'Add layer' }).click();
  await expect(page.getByTestId('network-layer')).toHaveCount(10);
  await expect(layerRow(page, 7)).toHaveAttribute('data-kind', 'conv2d');
  await expect(planned(page)).toHaveAttribute('data-params', '19078');
  await expect(planned(page)).toContainText('conv2d_3 (Conv2D)');
  await expect(planned(page)).toContainText('(None, 3, 3, 16)');
  await layerRow(page, 7).getByLabel('Filters').fill('32');
  await expect(planned(page)).toHaveAttribute('data-params', '35798');
  await expect(networkField(page)).toHaveValue('c8-p-d0.2-c16-p-d0.2-c32-f-h100-d0.5');
  await expect(page.getByTestId('keras-code')).toContainText('layers.Conv2D(32, (3, 3), activation="relu"),');

  // A wrong field is named beside it, and Train waits.
  await layerRow(page, 7).getByLabel('Filters').fill('0');
  await expect(layerRow(page, 7).getByRole('alert')).toHaveText('Filters must be a whole number from 1 to 128.');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await layerRow(page, 7).getByLabel('Filters').fill('32');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  // A network that cannot work is named beside the row at fault.
  await page.getByRole('button', { name: 'Dense only' }).click();
  await expect(planned(page)).toHaveAttribute('data-network', 'f-h128-d0.2-h64');
  await page.getByRole('button', { name: 'Move layer 2 up' }).click();
  await expect(layerRow(page, 1).getByRole('alert')).toHaveText(
    'Layer 1 (Dense) needs flat data, but it gets 28×28×1 maps: add a Flatten before it.',
  );
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Remove layer 1' }).click();
  await expect(planned(page)).toHaveAttribute('data-network', 'f-d0.2-h64');

  await page.getByRole('button', { name: 'Notebook network' }).click();
  await expect(page.getByRole('button', { name: 'Notebook network' })).toHaveAttribute('aria-pressed', 'true');
  await expect(planned(page)).toHaveAttribute('data-params', '42358');
  await expect(page).not.toHaveURL(/net=/);

  // Locked while training.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'training');
  await expect(page.getByRole('button', { name: 'Add layer' })).toBeDisabled();
  await expect(layerRow(page, 1).getByLabel('Filters')).toBeDisabled();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Add layer' })).toBeEnabled();
});

test('an edited network learns the same on WebGL and WebGPU as on wasm', async ({ page }) => {
  // Three page loads, and software GPUs take seconds a step.
  test.setTimeout(240_000);
  // Same padding, batch normalisation, a 5×5 tanh convolution and a 3×3 pool: the GPU engines
  // run tfjs' own kernels for all of it, wasm the app's. No dropout, so every engine draws alike.
  const query = 'net=c4s-b-p-c4k5.tanh-p3-f-h16-b&epochs=1&trainSize=64&batchSize=32&testSize=100';
  const figures = async (backend: string): Promise<number[] | null> => {
    await page.goto(`/?backend=${backend}&${query}`);
    await expectDatasetReady(page);
    await openSettings(page);
    await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
    if ((await page.getByTestId('backend').getAttribute('data-backend')) !== backend) return null;
    // The page came back with the last engine's trained weights: start each from the seed's.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'idle');
    await train(page);
    const line = (await page.getByTestId('epoch-log').textContent()) ?? '';
    expect(line).toContain('Epoch 1/1');
    return [...line.matchAll(/(?:^|\s)(?:loss|val_loss) (\d+\.\d+)/g)].map((match) => Number(match[1]));
  };
  const reference = await figures('wasm');
  expect(reference).toHaveLength(2);
  for (const backend of ['webgl', 'webgpu']) {
    const measured = await figures(backend);
    if (measured === null) continue; // This browser offers no such engine: the notice test covers that.
    expect(measured).toHaveLength(2);
    measured.forEach((value, i) => expect(Math.abs(value - (reference?.[i] ?? Number.NaN))).toBeLessThan(2e-3));
  }
});
