import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expect, test } from './test';
import { expectDatasetReady, openSettings } from './fixtures';
import { readEvent, readRecords } from '../src/state/runs/tensorboard/eventReader';

const train = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
};

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; files: Record<string, Uint8Array> }> {
  const download = new Promise<Download>((resolve) => page.once('download', resolve));
  await click();
  const file = await download;
  return { name: file.suggestedFilename(), files: unzipSync(new Uint8Array(await readFile(await file.path()))) };
}

test('a run’s TensorBoard logs, and the compared runs’, download as event files TensorBoard reads', async ({ page }) => {
  await page.goto('/?backend=wasm&epochs=2&trainSize=1000&batchSize=100&testSize=300');
  await expectDatasetReady(page);
  await train(page);
  const run = page.getByTestId('run').first();
  const id = (await run.getAttribute('data-run-id')) ?? '';
  const { name, files } = await downloaded(page, () => run.getByRole('button', { name: 'Download TensorBoard logs' }).click());
  expect(name).toBe(`logs-${id}.zip`);
  const paths = Object.keys(files);
  expect(paths).toHaveLength(2);
  expect(paths[0]).toMatch(new RegExp(`^logs/fit/${id}/train/events\\.out\\.tfevents\\.\\d{10}\\.mnist-in-a-tab\\.v2$`));
  expect(paths[1]).toMatch(new RegExp(`^logs/fit/${id}/validation/events\\.out\\.tfevents\\.\\d{10}\\.mnist-in-a-tab\\.v2$`));

  // Every record's CRCs hold; epochs from 0; the validation figures are those the epoch log printed.
  const [trainEvents, validationEvents] = Object.values(files).map((bytes) => readRecords(bytes).map(readEvent));
  expect(trainEvents?.[0]?.fileVersion).toBe('brain.Event:2');
  const trainTags = trainEvents?.slice(1).map((event) => [event.step, event.values.map((value) => value.tag)]);
  expect(trainTags).toEqual(
    [0, 1].map((step) => [
      step,
      [
        'epoch_loss',
        'epoch_accuracy',
        'epoch_learning_rate',
        // Keras' names for the layers (the app's conv2d_1 is Keras' conv2d), as the notebook's runs tag them.
        ...['conv2d', 'conv2d_1', 'dense', 'dense_1'].map((layer) => `sequential/${layer}/kernel/histogram`),
      ],
    ]),
  );
  const dense = trainEvents?.[2]?.values.find((value) => value.tag === 'sequential/dense/kernel/histogram');
  expect(dense?.shape).toEqual([30, 3]);
  // The first dense layer's 400 × 100 kernel: every weight in one bucket or another.
  expect((dense?.numbers ?? []).filter((_, i) => i % 3 === 2).reduce((a, b) => a + b, 0)).toBe(40_000);
  const printed = (await page.getByTestId('epoch-log').innerText()).match(/val_accuracy (\d\.\d{4})/g) ?? [];
  const logged = (validationEvents ?? []).flatMap((event) => event.values.filter((value) => value.tag === 'epoch_accuracy'));
  expect(logged.map((value) => `val_accuracy ${(value.numbers[0] ?? 0).toFixed(4)}`)).toEqual(printed);

  // A second run, and both compared: one zip, a folder each.
  await openSettings(page);
  await page.getByLabel('Learning rate', { exact: true }).fill('3e-3');
  await train(page);
  for (const each of await page.getByTestId('run').all()) await each.getByRole('checkbox', { name: 'Compare' }).check();
  const both = await downloaded(page, () => page.getByRole('button', { name: 'Download TensorBoard logs of the compared runs' }).click());
  expect(both.name).toBe('logs-2-runs.zip');
  expect(new Set(Object.keys(both.files).map((path) => path.split('/')[2])).size).toBe(2);
  expect(Object.keys(both.files)).toHaveLength(4);
});
