import type { Page } from '@playwright/test';
import type { FaultHooks } from '../src/harness/hooks';
import { draw, expectSame, ONE, probabilities } from './draw';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

const trainStatus = (page: Page) => page.getByTestId('train-status');
const epochLog = (page: Page) => page.getByTestId('epoch-log');
const fault = (page: Page) => page.getByTestId('fault');

async function openAndTrain(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
}

async function inject(page: Page, kind: Parameters<FaultHooks['inject']>[0]): Promise<void> {
  const injected = await page.evaluate(async (which) => {
    if (!window.mnistFaults) throw new Error('the page has no fault hooks: is this the harness build?');
    return window.mnistFaults.inject(which);
  }, kind);
  expect(injected, `the ${kind} fault had something to act on`).toBe(true);
}

/** The drawing pad's probabilities for a fresh drawing of ONE: a fingerprint of the weights. */
async function fingerprint(page: Page): Promise<number[]> {
  const clear = page.getByRole('button', { name: 'Clear' });
  if (await clear.isEnabled()) await clear.click();
  await draw(page, ONE);
  return probabilities(page);
}

async function loseGpuAfterEpochOne(page: Page, backend: 'webgl' | 'webgpu', query: string): Promise<void> {
  await openAndTrain(page, `backend=${backend}&epochs=3&${query}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', backend);
  await expect(epochLog(page)).toContainText('Epoch 1/3', { timeout: 90_000 });
  await inject(page, 'lose-gpu');

  await expect(fault(page)).toContainText(backend === 'webgl' ? 'the WebGL context was lost' : 'the WebGPU device was lost', {
    timeout: 60_000,
  });
  await expect(fault(page)).toContainText('The weights after epoch 1 are kept');
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'stopped');
  // Nothing trained on garbage: the log ends at the last good epoch, and the lost backend cannot be used.
  await expect(epochLog(page)).not.toContainText('Epoch 2/3');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

  await fault(page)
    .getByRole('button', { name: /Continue training on/ })
    .click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(fault(page)).toHaveCount(0);
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', backend);
  // The run picks up where it stopped and ends where it was meant to.
  await expect(epochLog(page)).toContainText('Epoch 2/3');
  await expect(epochLog(page)).toContainText('Epoch 3/3');
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);
}

test('a lost WebGL context stops training at once, keeps epoch 1, and training goes on elsewhere', async ({ page }) => {
  await loseGpuAfterEpochOne(page, 'webgl', 'trainSize=512&testSize=500');
});

test('a lost WebGPU device does the same', async ({ page }) => {
  // Software WebGPU (SwiftShader) takes seconds a step: 30–41 s of this test on a 2-core machine.
  test.setTimeout(180_000);
  await page.goto('/?backend=webgpu');
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
  test.skip((await page.getByTestId('backend').getAttribute('data-backend')) !== 'webgpu', 'this browser offers no WebGPU adapter');
  // Software WebGPU takes seconds per step: the smallest run that still has epochs.
  await loseGpuAfterEpochOne(page, 'webgpu', 'trainSize=64&batchSize=32&testSize=100');
});

test('NaN weights stop training with an alert and bring back the last good epoch exactly', async ({ page }) => {
  await openAndTrain(page, 'backend=wasm&epochs=1&trainSize=2000&batchSize=32&testSize=500');
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const afterEpochOne = await fingerprint(page);

  // Poisoned between runs, so the next run starts from NaN whatever the machine's speed.
  await inject(page, 'nan-weights');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Training stopped' });
  await expect(alert).toContainText(/became NaN at epoch 2/);
  await expect(alert).toContainText('The weights after epoch 1 were restored');
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'error');
  await expect(epochLog(page)).not.toContainText('Epoch 2/');
  expectSame(await fingerprint(page), afterEpochOne);

  // And training works again from there: a new run (the failed one ended), from the weights after epoch 1.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(epochLog(page)).toContainText('Epoch 1/1');
  await expect(page.getByTestId('run').first()).toHaveAttribute('data-start', 'continued');
  await expect(page.getByTestId('run').first()).toContainText('after epoch 1.');
});

test('a worker that dies mid-training is replaced, with the last good epoch, and Train works again', async ({ page }) => {
  // Epochs of a few seconds, so the worker dies well inside epoch 2; Train then has one epoch left.
  await openAndTrain(page, 'backend=wasm&epochs=2&trainSize=8000&batchSize=32&testSize=500');
  await expect(epochLog(page)).toContainText('Epoch 1/2', { timeout: 60_000 });
  const [worker] = page.workers();
  if (!worker) throw new Error('the page has no worker');
  // A worker that closes itself goes as silently as one the browser kills: no event reaches the page.
  await worker.evaluate(() => {
    (self as unknown as { close(): void }).close();
  });

  await expect(fault(page)).toContainText('The background worker stopped unexpectedly during training');
  await expect(fault(page)).toContainText('The weights after epoch 1 were kept');
  await expectDatasetReady(page);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);
  const restored = await fingerprint(page);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(epochLog(page)).toContainText('Epoch 2/');
  expect(await fingerprint(page)).not.toEqual(restored);
  await expect(fault(page)).toHaveCount(0);
});
