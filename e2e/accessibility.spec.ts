import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

/** Serious and critical findings of axe-core's WCAG 2.x A and AA rules. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe-core finds nothing serious, before and after training, in the ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto('/?epochs=1&trainSize=1000&testSize=500');
    await expectDatasetReady(page);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('confusion-matrix')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('with the keyboard alone: train, draw a 1 on the pad, and open a confusion cell', async ({ page }) => {
  await page.goto('/?epochs=1&trainSize=6000&batchSize=32&testSize=1000');
  await expectDatasetReady(page);

  // Once the engine is measured, Tab reaches Train (after the settings), with a visible focus ring, and Enter presses it.
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeEnabled();
  for (let presses = 0; presses < 30 && !(await train.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(train).toBeFocused();
  expect(await train.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // The pad: Space puts the pen down in the middle, arrows draw a vertical stroke, Space lifts it.
  const pad = page.getByRole('application', { name: /Drawing pad/ });
  await pad.focus();
  expect(await pad.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '1');

  // A confusion cell is a button: Enter opens its gallery.
  const cell = page.locator('[data-testid=confusion-matrix] button[data-actual="7"][data-predicted="7"]');
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('gallery')).toBeVisible();
});
