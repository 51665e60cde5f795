import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

const runs = (page: Page) => page.getByTestId('run');

async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const download = new Promise<Download>((resolve) => page.once('download', resolve));
  await click();
  return readFile(await (await download).path(), 'utf8');
}

interface RunJson {
  id: string;
  name: string;
  startedAt: string;
  plannedEpochs: number;
  epochs: { epoch: number }[];
}

/** A run the app trained, grown to `epochs` epochs as Continue would have grown it. */
function grown(exported: string, epochs: number, index: number): string {
  const run = JSON.parse(exported) as RunJson;
  const [first] = run.epochs;
  if (!first) throw new Error('the exported run has no epoch');
  run.epochs = Array.from({ length: epochs }, (_, i) => ({ ...first, epoch: i + 1, lastEpoch: epochs }));
  run.plannedEpochs = epochs;
  run.id = `${run.id}-big${index}`;
  run.name = `long run ${index}`;
  run.startedAt = new Date(Date.parse(run.startedAt) - index * 60_000).toISOString();
  return JSON.stringify(run);
}

test('runs of 10,000 epochs import, draw side by side, and export back as the app reads them', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm&epochs=1&trainSize=500&batchSize=50&testSize=100');
  await expectDatasetReady(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const exported = await downloaded(page, () => runs(page).first().getByRole('button', { name: 'Download JSON' }).click());

  const importer = page.getByLabel('Import a run (JSON)');
  for (let i = 1; i <= 7; i++) {
    const path = testInfo.outputPath(`long-${i}.json`);
    await writeFile(path, grown(exported, 10_000, i));
    await importer.setInputFiles(path);
    await expect(runs(page)).toHaveCount(1 + i);
  }
  await expect(page.getByRole('region', { name: 'Runs' }).getByRole('alert')).toHaveCount(0);

  const long = runs(page).filter({ hasText: 'long run' });
  for (const run of await long.all()) await run.getByRole('checkbox', { name: 'Compare' }).check();
  const compare = page.getByTestId('compare');
  for (const chart of ['compare-epoch-loss', 'compare-epoch-accuracy']) {
    await expect(compare.getByTestId(chart).locator('.chart-surface')).toHaveAttribute('data-rendered', 'true');
    await expect(compare.getByTestId(chart).locator('canvas, svg').first()).toBeVisible();
  }
  await expect(compare.getByTestId('chart-error')).toHaveCount(0);
  await expect(compare.getByTestId('compare-epoch-loss')).toContainText('Drawn through 8,000 points in all');

  // What the app exports of a run at the bound, it reads back.
  const first = long.first();
  await expect(first).toContainText('10000/10000 epochs');
  const again = await downloaded(page, () => first.getByRole('button', { name: 'Download JSON' }).click());
  const path = testInfo.outputPath('exported-again.json');
  await writeFile(path, again);
  await importer.setInputFiles(path);
  await expect(runs(page)).toHaveCount(9);
  await expect(page.getByRole('region', { name: 'Runs' }).getByRole('alert')).toHaveCount(0);
});
