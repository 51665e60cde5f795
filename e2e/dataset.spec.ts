import { expect, test } from './test';
import { IMAGE_PIXELS, SAMPLE_GRID } from '../src/ml/data/mnist';
import { corruptedTestSprite, datasetStatus, expectDatasetReady, idxImage, idxTrain } from './fixtures';

test('the dataset loads, verified, in a cross-origin isolated page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('MNIST, trained in your tab');
  await expectDatasetReady(page);
  await expect(datasetStatus(page)).toHaveText('MNIST ready — 60,000 train / 10,000 test');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('the sample grid shows training images 5 to 40 with their IDX labels and pixels', async ({ page }) => {
  const train = await idxTrain();
  await page.goto('/');
  await expectDatasetReady(page);

  const samples = page.getByTestId('sample');
  await expect(samples).toHaveCount(SAMPLE_GRID.last - SAMPLE_GRID.first + 1);
  const expectedLabels = Array.from(train.labels.subarray(SAMPLE_GRID.first, SAMPLE_GRID.last + 1), String);
  await expect(page.locator('[data-testid=sample] .sample-label')).toHaveText(expectedLabels);

  // Twelve to a row, as in the notebook.
  const tops = await samples.evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(3);
  expect(tops.filter((top) => top === tops[0])).toHaveLength(SAMPLE_GRID.perRow);

  // The pixels drawn are the IDX pixels, byte for byte.
  for (const index of [SAMPLE_GRID.first, 22, SAMPLE_GRID.last]) {
    const drawn = await page.locator(`[data-testid=sample][data-index="${index}"] canvas`).evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d');
      if (!context) return [];
      return Array.from(context.getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0));
    });
    expect(drawn).toHaveLength(IMAGE_PIXELS);
    expect(drawn).toEqual(idxImage(train.images, index));
  }
});

test('a sprite answering 404 gives an alert, and Retry works once it recovers', async ({ page }) => {
  await page.route('**/data/train-images.png', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('/');
  await expect(datasetStatus(page)).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('Could not download the training images: the server answered 404');
  await expect(page.getByTestId('sample-grid')).toHaveCount(0);

  await page.unroute('**/data/train-images.png');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expectDatasetReady(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('sample')).toHaveCount(36);
});

test('a failed network request for the manifest is an alert with Retry', async ({ page }) => {
  await page.route('**/data/mnist.json', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('Could not download the dataset manifest: the network request failed');
  await page.unroute('**/data/mnist.json');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expectDatasetReady(page);
});

test('a corrupted sprite fails its checksum', async ({ page }) => {
  const sprite = await corruptedTestSprite();
  await page.route('**/data/test-images.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: sprite }));
  await page.goto('/');
  await expect(datasetStatus(page)).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('The test images are corrupt: their checksum');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a label file of the wrong length is refused', async ({ page }) => {
  await page.route('**/data/test-labels.u8', (route) => route.fulfill({ status: 200, body: Buffer.alloc(9_999) }));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('The test labels file holds 9,999 labels, but the manifest promises 10,000.');
});

test('a sprite that is not a PNG is a decode error', async ({ page }) => {
  await page.route('**/data/test-images.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: 'garbage' }));
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('The test images could not be decoded');
});

test('a download that stalls says so with the right label, ends in an alert with Retry, and Retry recovers', async ({ page }) => {
  // The train sprite's request is held and never answered, as on a dead connection.
  await page.route('**/data/train-images.png', () => undefined);
  const started = Date.now();
  await page.goto('/');
  await expect(datasetStatus(page)).toContainText('Downloading MNIST');
  await expect(page.getByRole('alert')).toContainText(
    'The download of the training images stalled: nothing arrived for 20 s. Check the connection, then retry.',
    { timeout: 40_000 },
  );
  const secondsToAlert = (Date.now() - started) / 1000;
  expect(secondsToAlert).toBeGreaterThanOrEqual(20);
  test.info().annotations.push({ type: 'stall → alert', description: `${secondsToAlert.toFixed(1)} s` });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

  await page.unroute('**/data/train-images.png');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expectDatasetReady(page);
});

test('a slow download is labelled as a download, not as reading the manifest', async ({ page }) => {
  await page.route('**/data/*.png', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.continue();
  });
  await page.goto('/');
  await expect(datasetStatus(page)).toContainText('Downloading MNIST');
  await expect(datasetStatus(page)).not.toContainText('manifest');
  await expectDatasetReady(page);
});
