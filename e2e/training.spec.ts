import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { expectDatasetReady } from './fixtures';

const trainStatus = (page: Page) => page.getByTestId('train-status');

async function openReady(page: Page, query: string): Promise<void> {
  await page.goto(`/${query}`);
  await expectDatasetReady(page);
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', '');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
}

/** Milliseconds from a real click's input event to its handler, and to the next painted frame. */
async function clickLatency(page: Page, selector: string): Promise<{ handler: number; frame: number }> {
  const measured = page.evaluate(
    (target) =>
      new Promise<{ handler: number; frame: number }>((resolve) => {
        const element = document.querySelector(target);
        element?.addEventListener(
          'click',
          (event) => {
            const handler = performance.now() - event.timeStamp;
            requestAnimationFrame(() => {
              resolve({ handler, frame: performance.now() - event.timeStamp });
            });
          },
          { once: true },
        );
      }),
    selector,
  );
  await page.locator(selector).click();
  return measured;
}

test('Train runs the notebook’s network to the end and fills every panel', async ({ page }) => {
  await openReady(page, '?epochs=1&trainSize=4000&batchSize=32&testSize=1000');
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('backend')).toContainText(/CPU|WebGL|WebGPU/);
  const summary = page.getByTestId('chart-model-summary');
  await expect(summary).toContainText('42,358');
  for (const params of ['80', '1,168', '40,100', '1,010']) await expect(summary).toContainText(params);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'training');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(page.getByTestId('train-progress')).toContainText(/Epoch 1\/1 · step \d+\/125/);

  // While the worker trains, the page answers clicks at once.
  const latency = await clickLatency(page, '[data-testid=backend] summary');
  expect(latency.handler).toBeLessThan(200);
  expect(latency.frame).toBeLessThan(200);

  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  const accuracy = Number(await page.getByTestId('test-accuracy').getAttribute('data-value'));
  expect(accuracy).toBeGreaterThan(0.7);
  await expect(page.getByTestId('epoch-log')).toContainText(/^Epoch 1\/1 · 125 steps · .* · val_accuracy 0\.\d{4}$/);

  const panels = ['chart-epoch-loss', 'chart-epoch-accuracy', 'chart-batch-loss', 'chart-model-summary'];
  for (const layer of ['conv2d_1', 'conv2d_2', 'dense_1', 'dense_2']) panels.push(`chart-histogram-${layer}`, `chart-history-${layer}`);
  for (const panel of panels) {
    await expect(page.locator(`[data-testid=${panel}] .chart-surface[data-rendered=true]`)).toHaveCount(1);
  }
  await expect(page.getByTestId('chart-history-dense_1')).toContainText('across epochs');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Stop keeps the weights, and Train continues with the next epoch; Reset starts over', async ({ page }) => {
  // On the CPU backend a step takes a good tenth of a second, so Stop lands mid-epoch (on wasm the epoch can end first).
  await openReady(page, '?backend=cpu&epochs=1&trainSize=1600&batchSize=64&testSize=200');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-progress')).toContainText(/step ([2-9]|1\d|2[0-4])\/25/);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'stopped');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  const stoppedAt = await page.getByTestId('train-progress').innerText();
  expect(stoppedAt).toMatch(/^Epoch 1\/1 · step \d+\/25/);
  expect(Number(/step (\d+)/.exec(stoppedAt)?.[1])).toBeLessThan(25);
  await expect(page.getByTestId('epoch-log')).toHaveCount(0);
  await expect(page.getByText('Trained through epoch 1; Train runs 1 more epoch from these weights;')).toBeVisible();

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('epoch-log')).toContainText(/^Epoch 2\/2 · 25 steps/);
  await expect(page.getByTestId('train-progress')).toContainText('Epoch 2/2 · step 25/25');
  await expect(page.getByText('Trained through epoch 2; Train runs 1 more epoch from these weights;')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train from scratch' })).toBeEnabled();

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('epoch-log')).toHaveCount(0);
  await expect(page.getByTestId('test-accuracy')).toHaveCount(0);
  await expect(page.getByTestId('train-progress')).toHaveCount(0);
});

test('?backend=wasm trains one short epoch on WebAssembly, with SIMD, from the app’s own origin', async ({ page }) => {
  const wasmRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasmRequests.push(new URL(request.url()).origin);
  });
  await openReady(page, '?backend=wasm&epochs=1&trainSize=4000&batchSize=32&testSize=1000');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend')).toContainText('WebAssembly (SIMD');
  await expect(page.getByTestId('backend')).toContainText('SIMD training kernels');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(Number(await page.getByTestId('test-accuracy').getAttribute('data-value'))).toBeGreaterThan(0.7);
  expect(wasmRequests.length).toBeGreaterThan(0);
  expect(new Set(wasmRequests)).toEqual(new Set([new URL(page.url()).origin]));
});

test('?kernels=js trains on wasm with the JavaScript kernels, and the badge says so', async ({ page }) => {
  await openReady(page, '?backend=wasm&kernels=js&epochs=1&trainSize=2000&batchSize=32&testSize=500');
  await expect(page.getByTestId('backend')).toContainText('JavaScript training kernels');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(Number(await page.getByTestId('test-accuracy').getAttribute('data-value'))).toBeGreaterThan(0.5);
});

test('?backend=cpu is honoured and the badge says how every engine fared', async ({ page }) => {
  await openReady(page, '?backend=cpu');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'cpu');
  await page.getByText('Why this engine?').click();
  // One row per engine, and wasm one per thread count it was timed with (one, and every core).
  const cores = Math.min(8, await page.evaluate(() => navigator.hardwareConcurrency));
  const rows = page.getByTestId('backend').getByRole('row');
  for (const engine of [/^WebGPU/, /^WebGL/, /^CPU/]) await expect(rows.filter({ hasText: engine })).toHaveCount(1);
  await expect(rows.filter({ hasText: /^wasm/ })).toHaveCount(cores > 1 ? 2 : 1);
  await expect(rows).toHaveCount(cores > 1 ? 5 : 4);
});

test('a bad URL parameter is named, and the default is used', async ({ page }) => {
  await openReady(page, '?epochs=zero');
  await expect(page.getByRole('alert')).toContainText('epochs=zero is not a whole number from 1 to 1000; using 5.');
  await expect(page.getByText('Train runs 5 more epochs.')).toBeVisible();
});

test('autostart=1 trains without a click', async ({ page }) => {
  await page.goto('/?epochs=1&trainSize=256&testSize=200&autostart=1');
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 1/1 · 2 steps');
});

test('numbers in the URL are plain decimals only, one rule for all, and a bad value is quoted short', async ({ page }) => {
  await openReady(page, `?epochs=0x10&batchSize=%20%202%20&seed=1e3&backend=${'x'.repeat(12_000)}`);
  const notices = page.getByTestId('notices').getByRole('alert');
  await expect(notices).toContainText('epochs=0x10 is not a whole number from 1 to 1000; using 5.');
  await expect(notices).toContainText('batchSize="  2 " is not a whole number from 1 to 4096; using 128.');
  await expect(notices).toContainText('seed=1e3 is not a whole number from 0 to 4294967295; using 42.');
  await expect(notices).toContainText(`backend="${'x'.repeat(24)}"… is not one of auto, webgpu, webgl, wasm, cpu; choosing automatically.`);
  expect((await notices.innerText()).length).toBeLessThan(600);
  await expect(page.getByText('Train runs 5 more epochs.')).toBeVisible();
});

test('a malformed %-escape anywhere in the address still opens the page, and is named', async ({ page }) => {
  for (const query of ['?zoom=10%', '?epochs=2&x=%zz']) {
    await openReady(page, query);
    await expect(page.getByTestId('notices').getByRole('alert')).toContainText('The address has a malformed %-escape');
  }
  // The settings around it were read: epochs=2 is in the form.
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('2');
});
