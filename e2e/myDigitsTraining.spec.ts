import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { expectDatasetReady, idxTest, openSettings } from './fixtures';
import { expect, test } from './test';
import { isHeldOut, MY_DIGITS_FILES, myDigitsIdx, type DigitImage } from '../src/ml/data/myDigits';
import { IMAGE_PIXELS } from '../src/ml/data/mnist';

const list = (page: Page) => page.getByTestId('my-digits');
const evaluationPanel = (page: Page) => page.getByRole('region', { name: /^Evaluation on/ });
const runs = (page: Page) => page.getByTestId('run');
const trainStatus = (page: Page) => page.getByTestId('train-status');

/** One click of Train that starts run number `count`, until that run is done (the status says done before a run starts too). */
async function train(page: Page, count: number): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(runs(page)).toHaveCount(count);
  await expect(runs(page).first()).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done');
}

test('my held-out digits are a test set of their own; training with my digits is recorded by its runs, and Fine-tune on my digits goes on from the weights', async ({
  page,
}, testInfo) => {
  // Two short trainings (1,000 images and my digits) and a reload: about 8 s here.
  // Forty of "my digits": MNIST's first forty test images with their labels, uploaded as the panel's IDX zip.
  const testSplit = await idxTest();
  const digits: DigitImage[] = Array.from({ length: 40 }, (_, i) => ({
    label: testSplit.labels[i] ?? 0,
    pixels: testSplit.images.slice(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS),
  }));
  const heldOut = digits.filter((digit) => isHeldOut(digit, 0.2)).length;
  const trainedOn = digits.length - heldOut;
  expect(heldOut).toBeGreaterThan(0);
  const idx = myDigitsIdx(digits);
  const zipPath = testInfo.outputPath('my-digits.zip');
  await writeFile(zipPath, zipSync({ [MY_DIGITS_FILES.images]: idx.images, [MY_DIGITS_FILES.labels]: idx.labels }));

  // Asked to train with my digits before there are any: Train waits, and says why.
  await page.goto('/?backend=wasm&trainSize=1000&testSize=200&epochs=1&batchSize=50&myDigits=1');
  await expectDatasetReady(page);
  await expect(page.getByText('none of my digits is there to train on')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await page.getByLabel('Upload my digits').setInputFiles(zipPath);
  await expect(list(page)).toHaveAttribute('data-count', '40');
  await expect(list(page)).toHaveAttribute('data-held-out', String(heldOut));

  // The held-out share is a setting: a larger one holds out more, the same digits among them.
  await openSettings(page);
  await page.getByLabel('Share of my digits held out').fill('0.5');
  await expect(page).toHaveURL(/myHoldOut=0\.5/);
  await expect(list(page)).toHaveAttribute('data-held-out', String(digits.filter((digit) => isHeldOut(digit, 0.5)).length));
  await page.getByLabel('Share of my digits held out').fill('0.2');
  await expect(list(page)).toHaveAttribute('data-held-out', String(heldOut));

  // The fresh weights, scored on my held-out digits: the same heatmap and gallery, of my digits.
  await page.getByRole('combobox', { name: 'Test set', exact: true }).selectOption('mine');
  await expect(page.getByRole('heading', { name: 'Evaluation on my held-out digits' })).toBeVisible();
  await evaluationPanel(page).getByRole('button', { name: 'Evaluate' }).click();
  const scored = page.getByTestId('evaluation');
  await expect(scored).toHaveAttribute('data-test-set', 'mine');
  await expect(scored).toHaveAttribute('data-count', String(heldOut));
  const matrix = JSON.parse((await page.getByTestId('confusion-matrix').getAttribute('data-matrix')) ?? '[]') as number[][];
  expect(matrix.flat().reduce((sum, count) => sum + count, 0)).toBe(heldOut);
  const actual = matrix.findIndex((row) => row.some((count) => count > 0));
  const predicted = matrix[actual]?.findIndex((count) => count > 0) ?? -1;
  await page.locator(`[data-actual="${actual}"][data-predicted="${predicted}"]`).first().click();
  await expect(page.getByTestId('gallery-item')).toHaveCount(matrix[actual]?.[predicted] ?? -1);
  await expect(page.getByRole('button', { name: /^Inspect my held-out digit \d+$/ }).first()).toBeVisible();

  // Training with my digits, three times each per epoch: the run says how many it trained on.
  await expect(page.getByText('none of my digits is there to train on')).toBeHidden();
  await page.getByLabel('Train with my digits').uncheck();
  await expect(page).not.toHaveURL(/myDigits=1/);
  await page.getByLabel('Train with my digits').check();
  await page.getByLabel('Repeat my digits').fill('3');
  await expect(page).toHaveURL(/myDigits=1/);
  await expect(page).toHaveURL(/myRepeat=3/);
  await train(page, 1);
  const first = runs(page).first();
  await expect(first).toHaveAttribute('data-my-digits', String(trainedOn));
  await expect(first).toContainText(`${trainedOn} of my digits ×3`);
  // After its epoch, my held-out digits were scored again with the new weights, and the run kept that.
  await expect(first).toContainText(/my held-out digits \d+\.\d %/);
  await expect(scored).toHaveAttribute('data-test-set', 'mine');
  await expect(scored).toHaveAttribute('data-count', String(heldOut));
  await expect(page.getByText(`How the current weights read the ${heldOut} digits of mine they never trained on`)).toBeVisible();
  // MNIST's evaluation is still there, one choice away.
  await page.getByRole('combobox', { name: 'Test set', exact: true }).selectOption('mnist');
  await expect(page.getByRole('heading', { name: 'Evaluation on the test set' })).toBeVisible();
  await expect(scored).toHaveAttribute('data-count', '200');

  // The preset: one epoch from these weights at a low rate, my digits fifty times each. On fewer images here.
  await page.getByRole('button', { name: 'Fine-tune on my digits' }).click();
  await expect(page.getByTestId('recipe')).toHaveText('In use: the fine-tune recipe');
  await expect(page.getByLabel('Train with my digits')).toBeChecked();
  await expect(page.getByLabel('Repeat my digits')).toHaveValue('50');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  await page.getByLabel('Training images', { exact: true }).fill('1000');
  await expect(page.getByTestId('recipe')).toHaveText('In use: the fine-tune recipe');
  await train(page, 2);
  const tuned = runs(page).first();
  const firstId = (await runs(page).nth(1).getAttribute('data-run-id')) ?? '';
  await expect(tuned).toHaveAttribute('data-start', 'continued');
  await expect(tuned).toHaveAttribute('data-started-from', firstId);
  await expect(tuned).toHaveAttribute('data-my-digits', String(trainedOn));

  // Both compared: what each trained on of my digits, and how each read the held-out ones.
  for (const run of await runs(page).all()) await run.getByRole('checkbox', { name: 'Compare' }).check();
  const compare = page.getByTestId('compare');
  await expect(compare.getByRole('row', { name: /^My digits trained on/ })).toContainText(`${trainedOn} × 3`);
  await expect(compare.getByRole('row', { name: /^My digits trained on/ })).toContainText(`${trainedOn} × 50`);
  await expect(compare.getByRole('row', { name: /^My digits accuracy/ })).toContainText(`of ${heldOut} held out`);

  // Kept across a reload, with what they trained on and how they read my held-out digits.
  await page.reload();
  await expect(runs(page)).toHaveCount(2);
  await expect(runs(page).first()).toHaveAttribute('data-my-digits', String(trainedOn));
  await expect(runs(page).first()).toContainText(/my held-out digits \d+\.\d %/);

  // A larger share now than when these weights trained: the digits they trained on are not scored as unseen.
  await page.getByLabel('Share of my digits held out').fill('0.5');
  await page.getByRole('combobox', { name: 'Test set', exact: true }).selectOption('mine');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(scored).toHaveAttribute('data-count', String(heldOut));
  await expect(page.getByText('These weights trained on my digits while only 20 % were held out')).toBeVisible();
  await expect(list(page)).toHaveAttribute('data-count', '40');
});
