import { expect, test, type Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';

/** Draws a polyline with the mouse on the pad, points in pad units (0–280). */
async function draw(page: Page, points: [number, number][]): Promise<void> {
  const pad = page.getByTestId('draw-canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the drawing pad is not visible');
  const at = ([x, y]: [number, number]): [number, number] => [box.x + (x / 280) * box.width, box.y + (y / 280) * box.height];
  const [first, ...rest] = points;
  if (!first) return;
  await page.mouse.move(...at(first));
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(...at(point), { steps: 2 });
  await page.mouse.up();
}

const ellipse = (cx: number, cy: number, rx: number, ry: number): [number, number][] =>
  Array.from({ length: 41 }, (_, i) => [cx + rx * Math.cos((i / 40) * 2 * Math.PI), cy + ry * Math.sin((i / 40) * 2 * Math.PI)]);

test('a briefly trained model reads a drawn 1 and 0, live, without leaking tensors', async ({ page }) => {
  await page.goto('/?epochs=1&trainSize=6000&batchSize=32');
  await expectDatasetReady(page);
  await expect(page.getByTestId('draw-hint')).toContainText('No trained model yet');

  await page.getByRole('button', { name: 'Train' }).click();
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

  // Fifty predictions later the worker holds as many tensors as before.
  await draw(page, [
    [140, 40],
    [140, 240],
  ]);
  await expect(prediction).toHaveAttribute('data-digit', '1');
  const memory = page.getByTestId('memory');
  const before = await memory.getAttribute('data-tensors');
  for (let i = 0; i < 50; i++) {
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
