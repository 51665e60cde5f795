import type { Page } from '@playwright/test';
import { draw, expectSame, ONE, probabilities } from './draw';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

const trainStatus = (page: Page) => page.getByTestId('train-status');
const savedModels = (page: Page) => page.getByTestId('saved-models').locator('li[data-model-id]');
const modelsPanel = (page: Page) => page.getByRole('region', { name: 'Models' });
const saveButton = (page: Page) => page.getByRole('button', { name: 'Save model' });

async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('near the storage quota every save is either listed or refused with an alert, and nothing half-saved is left', async ({
  page,
  context,
  baseURL,
}) => {
  // Set before the page opens its database: Chromium checks a quota changed later only now and then.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 409_600 });
  await page.goto('/?backend=wasm&epochs=1&trainSize=1000&batchSize=32&testSize=500');
  await expectDatasetReady(page);
  await train(page);

  const outcomes: string[] = [];
  for (const name of ['q0', 'q1', 'q2', 'q3']) {
    const listed = await savedModels(page).count();
    await page.getByLabel('Name').fill(name);
    await saveButton(page).click();
    await expect(saveButton(page)).toBeEnabled();
    const alert = modelsPanel(page).getByRole('alert');
    await expect
      .poll(async () => ((await savedModels(page).count()) > listed ? 'listed' : (await alert.count()) > 0 ? 'alert' : 'neither'))
      .not.toBe('neither');
    if ((await savedModels(page).count()) > listed) {
      await expect(savedModels(page).filter({ hasText: name })).toHaveCount(1);
      outcomes.push(`${name}: listed`);
    } else {
      await expect(alert).toContainText("Saving the model failed: the browser's storage for this site is full");
      outcomes.push(`${name}: refused`);
    }
  }
  test.info().annotations.push({ type: 'saves near the quota', description: outcomes.join(', ') });
  expect(outcomes.some((outcome) => outcome.endsWith('refused'))).toBe(true);

  // What is listed is whole: after a reload each one loads.
  const names = await savedModels(page).locator('strong').allTextContents();
  await page.reload();
  await expectDatasetReady(page);
  await expect(savedModels(page)).toHaveCount(names.length);
  for (const name of names) {
    await page.getByRole('button', { name: `Load ${name}` }).click();
    await expect(savedModels(page).filter({ hasText: name })).toContainText('in use');
  }
});

test('a reload during training asks first, and the last good epoch comes back on the next visit', async ({ page }) => {
  await page.goto('/?backend=wasm&epochs=3&trainSize=12000&batchSize=32&testSize=500');
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('epoch-log')).toContainText('Epoch 1/3', { timeout: 60_000 });
  await draw(page, ONE);
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toEqual(['beforeunload']);

  await expectDatasetReady(page);
  await expect(page.getByTestId('notices')).toContainText(/The model you had last time is back, trained through epoch [12]\./);
  await expect(trainStatus(page)).toHaveText('A trained model is loaded');
  await expect(page.getByTestId('draw-hint')).toHaveCount(0);
  await draw(page, ONE);
  await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', '1');

  // Not training: leaving asks nothing.
  await page.reload();
  expect(asked).toEqual(['beforeunload']);
  await expectDatasetReady(page);
});

test('“in use” follows the weights: gone after Reset and after training on; a restored model is said to be loaded', async ({ page }) => {
  await page.goto('/?backend=wasm&epochs=1&trainSize=2000&batchSize=32&testSize=500');
  await expectDatasetReady(page);
  await train(page);
  await page.getByLabel('Name').fill('kept');
  await saveButton(page).click();
  await expect(savedModels(page)).toContainText('in use');

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('draw-hint')).toBeVisible();
  await expect(savedModels(page)).not.toContainText('in use');

  await page.getByRole('button', { name: 'Load kept' }).click();
  await expect(savedModels(page)).toContainText('in use');
  await draw(page, ONE);
  const loaded = await probabilities(page);
  await train(page);
  await expect(savedModels(page)).not.toContainText('in use');

  // The newest weights come back after a reload, and the page says so in one voice.
  await page.getByRole('button', { name: 'Load kept' }).click();
  await expect(savedModels(page)).toContainText('in use');
  await page.reload();
  await expectDatasetReady(page);
  await expect(trainStatus(page)).toHaveText('A trained model is loaded');
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'idle');
  await expect(page.getByText('Trained through epoch 1;')).toBeVisible();
  await expect(savedModels(page)).toContainText('in use');
  await draw(page, ONE);
  expectSame(await probabilities(page), loaded);
});
