import type { Page } from '@playwright/test';
import { expect, test } from './test';
import { expectDatasetReady, idxImage, idxTrain, openSettings } from './fixtures';
import { transformFor, warpImage } from '../src/ml/data/augment';
import { IMAGE_PIXELS, SAMPLE_COUNT } from '../src/ml/data/mnist';
import { PRESETS } from '../src/state/presets';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** The gray bytes a tile's canvas shows. */
function tilePixels(page: Page, grid: 'sample' | 'augmented-sample', index: number): Promise<number[]> {
  return page.locator(`[data-testid=${grid}][data-index="${index}"] canvas`).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
    return Array.from(data.filter((_, i) => i % 4 === 0));
  });
}

/** What the worker feeds the network for training image `index` in `epoch`, computed here from the IDX file. */
function augmentedIdx(images: Uint8Array, index: number, epoch: number): number[] {
  const target = new Uint8Array(IMAGE_PIXELS);
  warpImage(Uint8Array.from(idxImage(images, index)), transformFor(PRESETS.improved, PRESETS.improved.seed, epoch, index), target);
  return Array.from(target);
}

test('the improved recipe: one click sets it, the grid shows what the network sees each epoch, the learning rate rises and falls', async ({
  page,
}) => {
  const train = await idxTrain();
  await page.goto('/?backend=wasm');
  await expectDatasetReady(page);
  await openSettings(page);
  await expect(page.getByTestId('augmented-grid')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Notebook recipe' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('button', { name: 'Improved recipe' }).click();
  await expect(page.getByRole('button', { name: 'Improved recipe' })).toHaveAttribute('aria-pressed', 'true');
  await expect(field(page, 'Learning-rate schedule')).toHaveValue('one-cycle');
  await expect(field(page, 'Learning rate')).toHaveValue('0.01');
  await expect(field(page, 'Rotation (± degrees)')).toHaveValue('10');
  await expect(field(page, 'Zoom (± %)')).toHaveValue('10');
  await expect(field(page, 'Shift (± pixels)')).toHaveValue('2');
  await expect(field(page, 'Decay per epoch')).toHaveAccessibleDescription('Used by step decay only.');
  // The seed and the engine are not part of a recipe: they stay.
  await expect(field(page, 'Engine')).toHaveValue('wasm');
  await expect(page).toHaveURL(/schedule=one-cycle/);
  // A quick try on fewer images is still the improved recipe.
  // 120 steps an epoch: long enough (over a second on wasm here) to see the grid during epoch 2.
  await field(page, 'Training images').fill('15360');
  await field(page, 'Test images').fill('500');
  await expect(page.getByTestId('recipe')).toHaveText('In use: the improved recipe');
  await field(page, 'Epochs').fill('2');
  await expect(page.getByTestId('recipe')).toHaveText('In use: a recipe of your own');

  // Before training: the first epoch's images, as the worker will draw them.
  const augmented = page.getByTestId('augmented-grid');
  await expect(augmented).toHaveAttribute('data-epoch', '1');
  await expect(page.getByTestId('augmented-sample')).toHaveCount(SAMPLE_COUNT);
  for (const index of [5, 23]) {
    const shown = await tilePixels(page, 'augmented-sample', index);
    expect(shown).toEqual(augmentedIdx(train.images, index, 1));
    expect(shown).not.toEqual(idxImage(train.images, index));
    expect(await tilePixels(page, 'sample', index)).toEqual(idxImage(train.images, index));
  }

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-progress')).toContainText('Epoch 2/2', { timeout: 60_000 });
  await expect(augmented).toHaveAttribute('data-epoch', '2');
  await expect(page.getByRole('heading', { name: 'As the network sees them in epoch 2' })).toBeVisible();
  await expect.poll(() => tilePixels(page, 'augmented-sample', 5)).toEqual(augmentedIdx(train.images, 5, 2));
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  // Once done, the grid shows the epoch the next Train would start with.
  await expect(augmented).toHaveAttribute('data-epoch', '3');
  await expect.poll(() => tilePixels(page, 'augmented-sample', 5)).toEqual(augmentedIdx(train.images, 5, 3));
  await expect(page.locator('[data-testid=chart-learning-rate] .chart-surface[data-rendered=true]')).toHaveCount(1);
  expect(Number(await page.getByTestId('test-accuracy').getAttribute('data-value'))).toBeGreaterThan(0.75);

  // The run remembers the recipe, and the rates it stepped with: up to the peak, then down.
  const rates = await page.evaluate(() => window.mnistBench?.learningRates() ?? []);
  expect(rates).toHaveLength(240);
  const peak = rates.indexOf(Math.max(...rates));
  expect(Math.max(...rates)).toBeCloseTo(0.01, 6);
  expect(peak).toBeGreaterThan(5);
  expect(rates[0]).toBeCloseTo(0.0004, 6);
  expect(rates[239]).toBeLessThan(0.0001);
  await expect(page.getByRole('region', { name: 'Runs' })).toContainText('one-cycle');

  // One click back to the notebook, exactly.
  await page.getByRole('button', { name: 'Notebook recipe' }).click();
  for (const [label, value] of [
    ['Epochs', '5'],
    ['Batch size', '128'],
    ['Optimizer', 'adam'],
    ['Learning rate', '0.001'],
    ['Learning-rate schedule', 'constant'],
    ['Decay per epoch', '0.5'],
    ['Rotation (± degrees)', '0'],
    ['Zoom (± %)', '0'],
    ['Shift (± pixels)', '0'],
    ['Training images', '60000'],
    ['Test images', '10000'],
    ['Seed', '42'],
    ['Engine', 'wasm'],
  ] as const) {
    await expect(field(page, label)).toHaveValue(value);
  }
  await expect(page).toHaveURL(/\/\?backend=wasm$/);
  await expect(page.getByTestId('augmented-grid')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
