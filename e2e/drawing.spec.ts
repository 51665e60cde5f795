import { expect, test } from './test';
import { draw, ellipse } from './draw';
import { expectDatasetReady } from './fixtures';

test('a briefly trained model reads a drawn 1 and 0, live, without leaking tensors', async ({ page }) => {
  await page.goto('/?epochs=1&trainSize=6000&batchSize=32&testSize=1000');
  await expectDatasetReady(page);
  await expect(page.getByTestId('draw-hint')).toContainText('No trained model yet');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);

  const prediction = page.getByTestId('prediction');
  await draw(page, [
    [140, 40],
    [140, 240],
  ]);
  await expect(prediction).toHaveAttribute('data-digit', '1');
  expect(Number(await prediction.getAttribute('data-confidence'))).toBeGreaterThan(0.5);
  await expect(page.getByRole('img', { name: 'The 28×28 image the model receives' })).toBeVisible();
  await expect(page.locator('.feature-tile')).toHaveCount(24);

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(prediction).toHaveCount(0);
  await draw(page, ellipse(140, 140, 65, 95));
  await expect(prediction).toHaveAttribute('data-digit', '0');

  // Ctrl+Z takes the ellipse back off the pad.
  await page.keyboard.press('Control+z');
  await expect(prediction).toHaveCount(0);

  // Ten predictions later the worker holds as many tensors as before (memory.spec.ts makes 1,000).
  await draw(page, [
    [140, 40],
    [140, 240],
  ]);
  await expect(prediction).toHaveAttribute('data-digit', '1');
  const memory = page.getByTestId('memory');
  const before = await memory.getAttribute('data-tensors');
  for (let i = 0; i < 10; i++) {
    const x = 100 + (i % 5) * 20;
    await draw(page, [
      [x, 60],
      [x + 5, 220],
    ]);
  }
  await expect(prediction).toHaveAttribute('data-digit', /\d/);
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(memory).toHaveAttribute('data-tensors', String(before));
});
