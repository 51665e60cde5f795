import type { Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

const savedModels = (page: Page) => page.getByTestId('saved-models').locator('li[data-model-id]');

async function trainAndSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const before = await savedModels(page).count();
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(savedModels(page)).toHaveCount(before + 1);
}

test('two tabs share one list of saved models: saves and deletes show in both, and default names never repeat', async ({ context }) => {
  const query = '/?backend=wasm&epochs=1&trainSize=1000&batchSize=50&testSize=200';
  const first = await context.newPage();
  const second = await context.newPage();
  for (const page of [first, second]) {
    await page.goto(query);
    await expectDatasetReady(page);
  }

  await trainAndSave(first);
  await expect(savedModels(second)).toHaveCount(1);
  await trainAndSave(second);
  await expect(savedModels(first)).toHaveCount(2);
  const names = await savedModels(first).locator('strong').allTextContents();
  expect(names.map((name) => name.split(' · ')[0]).sort()).toEqual(['Model 1', 'Model 2']);

  // Deleted in one tab: gone from the other, which never offers it again.
  const name = names[0] ?? '';
  await first.getByRole('button', { name: `Delete ${name}` }).click();
  await expect(savedModels(first)).toHaveCount(1);
  await expect(savedModels(second)).toHaveCount(1);
  await expect(second.getByRole('button', { name: `Load ${name}` })).toHaveCount(0);
  await expect(second.getByRole('alert')).toHaveCount(0);
});
