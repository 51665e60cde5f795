import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { readSplitSource } from '../scripts/lib/dataset-build';
import { dataDir, mnistIdxDir } from '../scripts/lib/paths';
import { decodeGrayPng, encodeGrayPng } from '../scripts/lib/png';
import { IMAGE_PIXELS } from '../src/ml/data/mnist';

/** The training split straight from the IDX files: the ground truth the page must show. */
export async function idxTrain(): Promise<{ images: Uint8Array; labels: Uint8Array }> {
  return readSplitSource(mnistIdxDir(), 'train');
}

export async function idxTest(): Promise<{ images: Uint8Array; labels: Uint8Array }> {
  return readSplitSource(mnistIdxDir(), 'test');
}

export function idxImage(images: Uint8Array, index: number): number[] {
  return Array.from(images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS));
}

/** The built test sprite with one pixel changed: still a valid PNG, but not MNIST. */
export async function corruptedTestSprite(): Promise<Buffer> {
  const { gray, width, height } = decodeGrayPng(await readFile(join(dataDir, 'test-images.png')));
  gray[width * 30 + 40] = (gray[width * 30 + 40] ?? 0) ^ 0xff;
  return encodeGrayPng(gray, width, height);
}

export const datasetStatus = (page: Page) => page.getByTestId('dataset-status');

/** Opens the settings and the network editor, folded away on a first visit (the page remembers it open). */
export async function openSettings(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Settings and network' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

export async function expectDatasetReady(page: Page): Promise<void> {
  await expect(datasetStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}
