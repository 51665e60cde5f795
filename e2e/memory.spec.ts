import type { Page } from '@playwright/test';
import type { BenchHooks } from '../src/harness/hooks';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

const trainStatus = (page: Page) => page.getByTestId('train-status');

const memory = (page: Page) => page.getByTestId('memory');

/** Evaluate posts the worker's tensor count afresh; it must come back as `expected`. */
async function expectTensors(page: Page, expected: number): Promise<void> {
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(memory(page)).toHaveAttribute('data-tensors', String(expected));
}

async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('the worker holds no more tensors after more epochs, 1,000 predictions or save and load cycles', async ({ page }) => {
  await page.goto('/?backend=wasm&epochs=1&trainSize=2000&batchSize=32&testSize=500');
  await expectDatasetReady(page);
  await train(page);
  // Posted as the run ends, after its last tensors are gone.
  const trained = Number(await memory(page).getAttribute('data-tensors'));
  expect(trained).toBeGreaterThan(0);

  await train(page);
  await train(page);
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 3/3');
  await expectTensors(page, trained);

  const times = await page.evaluate((count) => (window.mnistBench as BenchHooks).predictMs(count), 1000);
  expect(times).toHaveLength(1000);
  await expectTensors(page, trained);

  const saved = page.getByTestId('saved-models').getByRole('listitem');
  await page.getByLabel('Name').fill('cycle');
  await page.getByRole('button', { name: 'Save model' }).click();
  await expect(saved).toHaveCount(1);
  // The next saves take default names: a name is saved once.
  await page.getByLabel('Name').fill('');
  // A loaded model has a fresh optimiser (no moments yet), so it holds fewer tensors than a trained one: compare loads with loads.
  const load = page.getByRole('button', { name: 'Load cycle' });
  await load.click();
  await expect(page.getByTestId('saved-models')).toContainText('in use');
  // Posted with the loaded model, before the list marks it in use.
  const loaded = Number(await memory(page).getAttribute('data-tensors'));
  expect(loaded).toBeLessThanOrEqual(trained);
  for (let cycle = 0; cycle < 3; cycle++) {
    await page.getByRole('button', { name: 'Save model' }).click();
    await expect(saved).toHaveCount(cycle + 2);
    await load.first().click();
    await expect(page.getByTestId('saved-models')).toContainText('in use');
    await expectTensors(page, loaded);
  }
});
