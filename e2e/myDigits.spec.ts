import { readFile, writeFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { draw, ellipse, ONE } from './draw';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';
import { encodeIdxImages, encodeIdxLabels } from '../src/ml/data/idx';

const panel = (page: Page) => page.getByRole('region', { name: 'My digits' });
const list = (page: Page) => page.getByTestId('my-digits');

/** Twelve strokes that preprocess to twelve different images. */
const SHAPES: [number, number][][] = [
  ONE,
  [
    [100, 40],
    [180, 240],
  ],
  [
    [180, 40],
    [100, 240],
  ],
  ellipse(140, 140, 60, 90),
  ellipse(140, 140, 90, 60),
  [
    [80, 50],
    [200, 50],
    [120, 240],
  ],
  [
    [90, 40],
    [90, 230],
    [200, 230],
  ],
  [
    [80, 50],
    [200, 50],
    [80, 230],
    [200, 230],
  ],
  [
    [80, 50],
    [140, 230],
    [200, 50],
  ],
  [
    [170, 230],
    [170, 40],
    [70, 170],
    [210, 170],
  ],
  ellipse(140, 140, 40, 100),
  [
    [70, 60],
    [210, 60],
    [210, 140],
    [70, 140],
    [70, 230],
    [210, 230],
  ],
];

/** The 784 gray bytes of the image the model received, as the pad shows it. */
async function modelInput(page: Page): Promise<number[]> {
  const image = page.getByRole('img', { name: 'The 28×28 image the model receives' });
  await image.waitFor();
  return image.evaluate((canvas) => {
    if (!(canvas instanceof HTMLCanvasElement)) throw new Error('not a canvas');
    const data = canvas.getContext('2d')?.getImageData(0, 0, 28, 28).data ?? new Uint8ClampedArray();
    return Array.from({ length: 784 }, (_, i) => data[i * 4] ?? -1);
  });
}

async function labelsShown(page: Page): Promise<string[]> {
  return list(page)
    .getByTestId('my-digit')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-label') ?? ''));
}

async function heldOutShown(page: Page): Promise<string[]> {
  return list(page)
    .getByTestId('my-digit')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-held-out') ?? ''));
}

test('a dozen drawn digits are kept with their labels, shared by tabs and across a reload, download as MNIST’s IDX files and upload in a fresh profile', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  // Three pages start (two tabs, a fresh profile) and twelve digits are drawn one by one: about 40 s here.
  test.setTimeout(240_000);
  await page.goto('/?backend=wasm');
  await expectDatasetReady(page);
  const other = await page.context().newPage();
  await other.goto('/?backend=wasm');
  await expect(list(other)).toHaveAttribute('data-count', '0');
  // A page behind another gets no animation frames: the pad draws in them.
  await page.bringToFront();

  const drawn: { label: number; pixels: number[] }[] = [];
  for (const [i, shape] of SHAPES.entries()) {
    const label = i % 10;
    if (i > 0) await page.getByRole('button', { name: 'Clear' }).click();
    await draw(page, shape);
    const pixels = await modelInput(page);
    await page.getByRole('combobox', { name: 'Label', exact: true }).selectOption(String(label));
    await page.getByRole('button', { name: 'Add to my digits' }).click();
    await expect(page.getByText(`Added as a ${label}: ${i + 1} of my digits.`)).toBeVisible();
    drawn.push({ label, pixels });
  }
  const labels = drawn.map((digit) => String(digit.label));
  await expect(list(page)).toHaveAttribute('data-count', '12');
  expect(await labelsShown(page)).toEqual([...labels].sort());
  const heldOut = await heldOutShown(page);
  await expect(list(page)).toHaveAttribute('data-held-out', String(heldOut.filter((flag) => flag === 'true').length));
  // The other tab heard of every one.
  await expect(list(other)).toHaveAttribute('data-count', '12');
  await other.close();

  await page.reload();
  await expect(list(page)).toHaveAttribute('data-count', '12');
  expect(await labelsShown(page)).toEqual([...labels].sort());
  expect(await heldOutShown(page)).toEqual(heldOut);

  // MNIST's layout: big-endian magic 2051 and 2049, the count, 28 × 28, then bytes in the order they were added.
  const download = new Promise<Download>((resolve) => page.once('download', resolve));
  await panel(page).getByRole('button', { name: 'Download my digits' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('my-digits.zip');
  const zipPath = testInfo.outputPath('my-digits.zip');
  await file.saveAs(zipPath);
  const members = unzipSync(new Uint8Array(await readFile(zipPath)));
  const images = Buffer.from(members['my-digits-images-idx3-ubyte'] ?? new Uint8Array());
  const labelFile = Buffer.from(members['my-digits-labels-idx1-ubyte'] ?? new Uint8Array());
  expect([images.readUInt32BE(0), images.readUInt32BE(4), images.readUInt32BE(8), images.readUInt32BE(12)]).toEqual([2051, 12, 28, 28]);
  expect([labelFile.readUInt32BE(0), labelFile.readUInt32BE(4)]).toEqual([2049, 12]);
  expect(Array.from(labelFile.subarray(8))).toEqual(drawn.map((digit) => digit.label));
  drawn.forEach((digit, i) => expect(Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784))).toEqual(digit.pixels));

  const fresh = await browser.newContext({ ...(baseURL ? { baseURL } : {}), serviceWorkers: 'block' });
  const second = await fresh.newPage();
  await second.goto('/?backend=wasm');
  await expectDatasetReady(second);
  await expect(list(second)).toHaveAttribute('data-count', '0');
  await panel(second).getByLabel('Upload my digits').setInputFiles(zipPath);
  await expect(list(second)).toHaveAttribute('data-count', '12');
  expect(await labelsShown(second)).toEqual([...labels].sort());
  expect(await heldOutShown(second)).toEqual(heldOut);
  // The same file again adds nothing twice.
  await panel(second).getByLabel('Upload my digits').setInputFiles(zipPath);
  await expect(list(second)).toHaveAttribute('data-count', '12');
  await fresh.close();

  // One deleted, then all, asking first.
  await panel(page).getByRole('button', { name: 'Delete my 2 (1 of 1)' }).click();
  await expect(list(page)).toHaveAttribute('data-count', '11');
  await panel(page).getByRole('button', { name: 'Delete all my digits' }).click();
  await panel(page).getByRole('button', { name: 'Keep them' }).click();
  await expect(list(page)).toHaveAttribute('data-count', '11');
  await panel(page).getByRole('button', { name: 'Delete all my digits' }).click();
  await panel(page).getByRole('button', { name: 'Yes, delete them' }).click();
  await expect(list(page)).toHaveAttribute('data-count', '0');
});

test('a hostile file of digits is refused with a sentence, and my digits stay as they were', async ({ page }, testInfo) => {
  await page.goto('/?backend=wasm');
  await expectDatasetReady(page);
  await draw(page, ONE);
  await page.getByRole('button', { name: 'Add to my digits' }).click();
  await expect(list(page)).toHaveAttribute('data-count', '1');

  const pixels = new Uint8Array(2 * 784).fill(7);
  const zip = (images: Uint8Array, labels: Uint8Array): Uint8Array =>
    zipSync({ 'my-digits-images-idx3-ubyte': images, 'my-digits-labels-idx1-ubyte': labels });
  const wrongMagic = encodeIdxImages(pixels, 2);
  wrongMagic[3] = 0x01;
  const wide = encodeIdxImages(new Uint8Array(2 * 29 * 29), 2);
  wide[11] = 29;
  wide[15] = 29;
  const hostile: [string, Uint8Array, string | RegExp][] = [
    ['magic.zip', zip(wrongMagic, encodeIdxLabels(new Uint8Array([1, 2]))), 'magic number 2049, expected 2051'],
    ['wide.zip', zip(wide, encodeIdxLabels(new Uint8Array([1, 2]))), 'images are 29×29, expected 28×28'],
    [
      'counts.zip',
      zip(encodeIdxImages(pixels, 2), encodeIdxLabels(new Uint8Array([1, 2, 3]))),
      'the images file holds 2 images but the labels file 3 labels',
    ],
    ['huge.zip', new Uint8Array(100 * 2 ** 20), /it is 100 MB; a zip of my digits is at most/],
  ];
  for (const [name, bytes, reason] of hostile) {
    const path = testInfo.outputPath(name);
    await writeFile(path, bytes);
    await panel(page).getByLabel('Upload my digits').setInputFiles(path);
    const alert = panel(page).getByRole('alert');
    await expect(alert).toContainText(`${name} was not added:`);
    await expect(alert).toContainText(reason);
    await expect(alert).toContainText('My digits are unchanged.');
    await expect(list(page)).toHaveAttribute('data-count', '1');
  }
});
