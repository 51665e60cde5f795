import { expect, type Page } from '@playwright/test';

/** A vertical stroke: a 1. */
export const ONE: [number, number][] = [
  [140, 40],
  [138, 240],
];

/**
 * The same weights give the same probabilities, to float rounding: wasm's threads may sum in
 * another order from one page to the next (differences of 1e-5 seen, and 1.5e-4 once in a loaded
 * CI run), while one training step moves them by 1e-2 or more.
 */
export function expectSame(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(10);
  actual.forEach((value, i) => expect(Math.abs(value - (expected[i] ?? Number.NaN))).toBeLessThan(1e-3));
}

/** Draws a polyline with the mouse on the pad, points in pad units (0–280). */
export async function draw(page: Page, points: [number, number][]): Promise<void> {
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

export const ellipse = (cx: number, cy: number, rx: number, ry: number): [number, number][] =>
  Array.from({ length: 41 }, (_, i) => [cx + rx * Math.cos((i / 40) * 2 * Math.PI), cy + ry * Math.sin((i / 40) * 2 * Math.PI)]);

/** The probabilities the page shows for the current drawing, once they have settled. */
export async function probabilities(page: Page): Promise<number[]> {
  const prediction = page.getByTestId('prediction');
  await prediction.waitFor();
  // Live predictions arrive while drawing; wait for the one after pointer-up to stop changing.
  let last = '';
  for (;;) {
    await page.waitForTimeout(150);
    const now = (await prediction.getAttribute('data-probabilities')) ?? '';
    if (now === last) return JSON.parse(now) as number[];
    last = now;
  }
}
