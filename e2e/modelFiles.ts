import { readFile, writeFile } from 'node:fs/promises';
import { expect, type Download, type Page, type TestInfo } from '@playwright/test';

export interface ModelFilePaths {
  readonly json: string;
  readonly weights: string;
}

/** Clicks Download and keeps the two files it offers. */
export async function downloadModel(page: Page, testInfo: TestInfo): Promise<ModelFilePaths> {
  const downloads: Download[] = [];
  const collect = (download: Download): void => {
    downloads.push(download);
  };
  page.on('download', collect);
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await expect.poll(() => downloads.length).toBe(2);
  page.off('download', collect);
  const paths: Record<string, string> = {};
  for (const download of downloads) {
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    paths[download.suggestedFilename()] = path;
  }
  expect(Object.keys(paths).sort()).toEqual(['model.json', 'weights.bin']);
  return { json: paths['model.json'] ?? '', weights: paths['weights.bin'] ?? '' };
}

export interface ModelJson {
  modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
  weightsManifest: { weights: { name: string; shape: unknown }[] }[];
}

/** A copy of model.json with `change` made to it, written next to the test's other outputs. */
export async function editedModelJson(
  files: ModelFilePaths,
  testInfo: TestInfo,
  name: string,
  change: (json: ModelJson) => void,
): Promise<string> {
  const json = JSON.parse(await readFile(files.json, 'utf8')) as ModelJson;
  change(json);
  const path = testInfo.outputPath(name);
  await writeFile(path, JSON.stringify(json));
  return path;
}

/** The config of layer `index` (0-based) of a model.json. */
export function layerConfig(json: ModelJson, index: number): Record<string, unknown> {
  const layer = json.modelTopology.config.layers[index];
  if (!layer) throw new Error(`model.json has no layer ${index}`);
  return layer.config;
}
