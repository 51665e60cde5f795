import type { BrowserContext, Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

/** Small work: a run of 1,000 images trains an epoch in a few seconds. */
const SMALL = '/?backend=wasm&trainSize=1000&batchSize=50&testSize=200';

const runs = (page: Page) => page.getByTestId('run');
const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const trainStatus = (page: Page) => page.getByTestId('train-status');

async function openTab(context: BrowserContext, query: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(query);
  await expectDatasetReady(page);
  await expect(trainButton(page)).toBeEnabled();
  return page;
}

async function train(page: Page): Promise<void> {
  await trainButton(page).click();
  await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test('each tab gets its own model back after a reload, and another tab’s Reset leaves it', async ({ context }) => {
  const first = await openTab(context, `${SMALL}&epochs=1`);
  const second = await openTab(context, `${SMALL}&epochs=2&seed=7`);
  await train(first);
  await train(second);

  await first.reload();
  await expectDatasetReady(first);
  await expect(first.getByTestId('notices')).toContainText('The model you had last time is back, trained through epoch 1.');

  await second.getByRole('button', { name: 'Reset' }).click();
  await expect(trainStatus(second)).not.toHaveText('A trained model is loaded');
  await first.reload();
  await expectDatasetReady(first);
  await expect(first.getByTestId('notices')).toContainText('The model you had last time is back, trained through epoch 1.');
  await expect(trainStatus(first)).toHaveText('A trained model is loaded');

  // A new tab starts from the newest trained weights a tab left, and says whose they are.
  const third = await openTab(context, SMALL);
  await expect(third.getByTestId('notices')).toContainText(
    'This tab starts with a copy of the model in your other open tab, trained through epoch 1',
  );
});

test('two tabs that click Train in the same second keep two runs, and each sees both', async ({ context }) => {
  const first = await openTab(context, `${SMALL}&epochs=1`);
  const second = await openTab(context, `${SMALL}&epochs=1&seed=7`);
  await Promise.all([trainButton(first).click(), trainButton(second).click()]);
  for (const page of [first, second]) await expect(trainStatus(page)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  for (const page of [first, second]) await expect(runs(page).filter({ hasText: '1/1 epochs' })).toHaveCount(2);
  const ids = await runs(first).evaluateAll((items) => items.map((item) => item.getAttribute('data-run-id')));
  expect(new Set(ids).size).toBe(2);

  await second.reload();
  await expectDatasetReady(second);
  await expect(runs(second)).toHaveCount(2);
});

test('a run another tab is training shows as running there, a rename from there is carried through, and it cannot be deleted meanwhile', async ({
  context,
}) => {
  // Long enough to outlast what the other tab does; Stop ends it.
  const trainer = await openTab(context, '/?backend=wasm&epochs=50&trainSize=2000&batchSize=32&testSize=200');
  await trainButton(trainer).click();
  await expect(trainer.getByTestId('epoch-log')).toContainText('Epoch 1/50', { timeout: 60_000 });

  const watcher = await openTab(context, SMALL);
  const live = runs(watcher).first();
  await expect(live).toContainText('running in another tab');
  await expect(live).toContainText('Another tab is training this run');
  await expect(live.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await live.getByRole('button', { name: 'Rename' }).click();
  await live.getByLabel('Run name').fill('renamed while training');
  await live.getByRole('button', { name: 'Save name' }).click();
  await expect(runs(trainer).first()).toContainText('renamed while training');

  await trainer.getByRole('button', { name: 'Stop' }).click();
  await expect(runs(trainer).first()).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });
  const epochs = /\d+\/50 epochs/.exec((await runs(trainer).first().textContent()) ?? '')?.[0] ?? 'none';
  await expect(runs(watcher).first()).toHaveAttribute('data-state', 'stopped');
  await watcher.reload();
  await expectDatasetReady(watcher);
  const kept = runs(watcher).first();
  await expect(kept).toContainText('renamed while training');
  await expect(kept).toContainText(epochs);
  await expect(kept).toHaveAttribute('data-state', 'stopped');
});

test('a run whose tab closes mid-training is stopped in the other tab, and a name two tabs both choose is refused in the second', async ({
  context,
}) => {
  const trainer = await openTab(context, '/?backend=wasm&epochs=3&trainSize=4000&batchSize=32&testSize=200');
  const other = await openTab(context, `${SMALL}&epochs=1`);
  await trainButton(trainer).click();
  await expect(runs(other).first()).toContainText('running in another tab', { timeout: 60_000 });
  await trainer.close({ runBeforeUnload: false });
  await expect(runs(other).first()).toHaveAttribute('data-state', 'stopped');
  await expect(runs(other).first()).toContainText('The page was closed or reloaded during this run.');
  await expect(runs(other).first().getByRole('button', { name: 'Delete' })).toBeEnabled();

  const namer = await openTab(context, `${SMALL}&epochs=1`);
  for (const page of [other, namer]) await train(page);
  await namer.getByLabel('Name').fill('My best');
  await namer.getByRole('button', { name: 'Save model' }).click();
  await expect(other.getByTestId('saved-models')).toContainText('My best');
  await other.getByLabel('Name').fill('my best');
  await other.getByRole('button', { name: 'Save model' }).click();
  await expect(other.getByRole('alert')).toContainText(
    'A model named “my best” is already saved (perhaps in another tab): choose another name.',
  );
  await expect(other.getByTestId('saved-models').locator('li[data-model-id]')).toHaveCount(1);

  // The run saved as "My best" stops saying so once another tab deletes that model.
  const savedRun = runs(namer).filter({ hasText: 'Saved as “My best”' });
  await expect(savedRun).toHaveCount(1);
  await other.getByRole('button', { name: 'Delete My best' }).click();
  await expect(savedRun).toHaveCount(0);
});
