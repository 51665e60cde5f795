import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { draw, ONE } from './draw';
import { expectDatasetReady } from './fixtures';

const SMALL = '?epochs=1&trainSize=2000&batchSize=32&testSize=500';
const NOTEBOOK = 'c8-p-d0.2-c16-p-d0.2-f-h100-d0.5';
/** 40 + 16 + 12,560 + 170 parameters. */
const MINE = 'c4s-p-b-f-h16';

const networkField = (page: Page) => page.getByLabel('Network', { exact: true });
const summary = (page: Page) => page.getByTestId('chart-model-summary');

async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('a network typed in the settings is sized before it is built, trains, and is kept with its run and its saved model', async ({
  page,
}) => {
  await page.goto(`/${SMALL}`);
  await expectDatasetReady(page);
  await expect(networkField(page)).toHaveValue(NOTEBOOK);
  await expect(page.getByText('42,358 parameters')).toBeVisible();

  // A network that cannot be trained is named beside the field, and Train waits.
  await networkField(page).fill('c8-h10');
  await expect(page.getByRole('alert')).toContainText(
    'Layer 2 (Dense) needs flat data, but it gets 26×26×8 maps: add a Flatten before it.',
  );
  await expect(page.getByRole('button', { name: 'Train' })).toBeDisabled();
  await networkField(page).fill(MINE);
  await expect(page.getByText('12,786 parameters')).toBeVisible();
  await expect(page).toHaveURL(/net=c4s-p-b-f-h16/);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();

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
  await expect(page.getByTestId('notices')).toContainText(
    "net=c8-p-h10 cannot be trained: Layer 3 (Dense) needs flat data, but it gets 13×13×8 maps: add a Flatten before it; using the notebook's network.",
  );
  await expect(networkField(page)).toHaveValue(NOTEBOOK);
  await expect(summary(page)).toContainText('42,358');
});
