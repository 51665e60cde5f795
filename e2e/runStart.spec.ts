import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { expectDatasetReady, openSettings } from './fixtures';

const runs = (page: Page) => page.getByTestId('run');
const done = (page: Page) => expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

test('a run says where its weights came from: fresh, continuing an earlier run after a reload, or from scratch', async ({ page }) => {
  await page.goto('/?epochs=1&trainSize=512&batchSize=64&testSize=200');
  await expectDatasetReady(page);
  await expect(page.getByRole('button', { name: 'Train from scratch' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await done(page);
  await expect(runs(page).first()).toHaveAttribute('data-start', 'fresh');
  await expect(runs(page).first()).toHaveAttribute('data-started-from', '');
  const first = (await runs(page).first().getAttribute('data-run-id')) ?? '';

  // A reload brings the trained weights back; another recipe from them is a new run that says so.
  await page.reload();
  await expectDatasetReady(page);
  await expect(page.getByText('from these weights; Train from scratch starts from fresh ones.')).toBeVisible();
  await openSettings(page);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await done(page);
  await expect(runs(page)).toHaveCount(2);
  const second = runs(page).first();
  await expect(second).toHaveAttribute('data-start', 'continued');
  await expect(second).toHaveAttribute('data-started-from', first);
  await expect(second).toContainText(`Continues run ${first} after epoch 1.`);
  await expect(second).not.toHaveAttribute('data-run-id', first);
  // Its epochs are counted as its own, in the log as in the list: not as the model's second.
  await expect(page.getByTestId('epoch-log')).toHaveText(/^Epoch 1\/1 · /);
  await expect(second).toContainText('1/1 epochs');

  // From scratch: fresh weights, a run of its own.
  await page.getByRole('button', { name: 'Train from scratch' }).click();
  await done(page);
  await expect(runs(page)).toHaveCount(3);
  await expect(runs(page).first()).toHaveAttribute('data-start', 'fresh');
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 1/1');
});
