import { expect, test } from './test';
import { expectDatasetReady, idxImage, idxTest } from './fixtures';

type Matrix = number[][];

/** The notebook's formulas, written out again here so the page is checked against an independent reading. */
function expected(matrix: Matrix): { accuracy: number; mae: number; mse: number; offdiag: number } {
  let total = 0;
  let trace = 0;
  let absolute = 0;
  let squared = 0;
  matrix.forEach((row, i) => {
    row.forEach((count, j) => {
      total += count;
      if (i === j) trace += count;
      absolute += Math.abs(i - j) * count;
      squared += (i - j) ** 2 * count;
    });
  });
  return { accuracy: trace / total, mae: absolute / total, mse: squared / total, offdiag: (total - trace) / total };
}

test('after a short training the confusion heatmap, its metrics and the gallery agree with each other and with MNIST', async ({ page }) => {
  const mnistTest = await idxTest();
  await page.goto('/?backend=wasm&epochs=1&trainSize=4000&batchSize=32&testSize=1000');
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  const heatmap = page.getByTestId('confusion-matrix');
  const matrix = JSON.parse((await heatmap.getAttribute('data-matrix')) ?? '[]') as Matrix;
  expect(matrix).toHaveLength(10);
  expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(1000);
  // Rows are true classes: each row sums to that digit's count among the first 1,000 test labels.
  const perDigit = Array.from({ length: 10 }, (_, d) => mnistTest.labels.subarray(0, 1000).filter((label) => label === d).length);
  expect(matrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(perDigit);
  await expect(heatmap.getByRole('button')).toHaveCount(100);

  const figures = expected(matrix);
  const value = async (testId: string): Promise<number> => Number(await page.getByTestId(testId).getAttribute('data-value'));
  expect(await value('test-accuracy')).toBeCloseTo(figures.accuracy, 10);
  expect(await value('metric-mae')).toBeCloseTo(figures.mae, 10);
  expect(await value('metric-mse')).toBeCloseTo(figures.mse, 10);
  expect(await value('metric-offdiag')).toBeCloseTo(figures.offdiag, 10);
  await expect(page.getByTestId('metric-mae')).toHaveText(figures.mae.toFixed(4));
  await expect(page.getByText(/a 1 read as 9 costs 64/)).toBeVisible();
  await expect(page.getByTestId('class-scores').locator('.chart-surface[data-rendered=true]')).toHaveCount(1);
  await expect(page.getByTestId('top-confusions').getByRole('listitem')).toHaveCount(5);

  // The largest confusion: its cell opens a gallery of exactly those images.
  let worst = { actual: 0, predicted: 1, count: -1 };
  matrix.forEach((row, i) => {
    row.forEach((count, j) => {
      if (i !== j && count > worst.count) worst = { actual: i, predicted: j, count };
    });
  });
  await heatmap.getByRole('button', { name: `True ${worst.actual}, predicted ${worst.predicted}:` }).click();
  const gallery = page.getByTestId('gallery');
  await expect(gallery).toContainText(`${worst.actual}s read as ${worst.predicted}: ${worst.count}`);
  // Brought to the reader, not opened out of sight below the matrix.
  await expect(gallery.getByRole('heading')).toBeFocused();
  await expect(gallery.getByRole('heading')).toBeInViewport();
  const items = gallery.getByTestId('gallery-item');
  await expect(items).toHaveCount(Math.min(worst.count, 50));
  // The mistakes the model was surest of come first.
  const confidences = await items.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-confidence'))));
  expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  const indices: number[] = await items.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-index'))));
  for (const index of indices) expect(mnistTest.labels[index]).toBe(worst.actual);
  // The first image shown is that test image, pixel for pixel.
  const drawn = await items
    .first()
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
      return Array.from(data.filter((_, i) => i % 4 === 0));
    });
  expect(drawn).toEqual(idxImage(mnistTest.images, indices[0] ?? -1));

  // An image opens as the drawing pad shows a drawing: what the model reads, and what its convolutions saw.
  await items
    .first()
    .getByRole('button', { name: `Inspect test image ${indices[0] ?? -1}` })
    .click();
  const inspector = gallery.getByTestId('image-inspector');
  await expect(inspector.getByTestId('inspected-prediction')).toHaveAttribute('data-digit', String(worst.predicted));
  await expect(inspector.getByText('Convolution 1: 8 feature maps, 26×26')).toBeVisible();

  // The top confusions lead to the same gallery.
  await gallery.getByRole('button', { name: 'Close' }).click();
  await expect(gallery).toHaveCount(0);
  await page.getByTestId('top-confusions').getByRole('button').first().click();
  await expect(page.getByTestId('gallery')).toHaveAttribute('data-actual', String(worst.actual));

  // The sample grid now says, for each of its 36 images, what the model predicts.
  await expect(page.getByTestId('sample-prediction')).toHaveCount(36);
});

test('Evaluate scores the current weights on demand, and Reset clears the evaluation', async ({ page }) => {
  await page.goto('/?backend=wasm&testSize=500');
  await expectDatasetReady(page);
  await expect(page.getByRole('button', { name: 'Evaluate' })).toBeEnabled();
  await page.getByRole('button', { name: 'Evaluate' }).click();
  const matrix = JSON.parse((await page.getByTestId('confusion-matrix').getAttribute('data-matrix')) ?? '[]') as Matrix;
  expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(500);
  // Untrained weights: near chance.
  expect(Number(await page.getByTestId('test-accuracy').getAttribute('data-value'))).toBeLessThan(0.4);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('confusion-matrix')).toHaveCount(0);
});
