import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/ml/data/manifest';
import { IMAGE_PIXELS } from '../../src/ml/data/mnist';
import { sheetToTiles, spriteLayout } from '../../src/ml/data/sprite';
import { IDX_FILES, MANIFEST_FILE, buildDataset, isUpToDate, sha256Hex } from './dataset-build';
import { encodeIdxImages, encodeIdxLabels } from '../../src/ml/data/idx';
import { decodeGrayPng } from './png';

const COUNTS = { train: 30, test: 12 };

function images(count: number, salt: number): Uint8Array {
  return Uint8Array.from({ length: count * IMAGE_PIXELS }, (_, i) => (i * 31 + salt) % 256);
}

describe('buildDataset', () => {
  let idxDir = '';
  let outDir = '';

  beforeEach(async () => {
    idxDir = await mkdtemp(join(tmpdir(), 'idx-'));
    outDir = await mkdtemp(join(tmpdir(), 'out-'));
    for (const split of ['train', 'test'] as const) {
      const count = COUNTS[split];
      await writeFile(join(idxDir, IDX_FILES[split].images), encodeIdxImages(images(count, count), count));
      await writeFile(join(idxDir, IDX_FILES[split].labels), encodeIdxLabels(Uint8Array.from({ length: count }, (_, i) => i % 10)));
    }
  });

  afterEach(async () => {
    await rm(idxDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes sprites, labels and a manifest that describe the IDX data exactly', async () => {
    await buildDataset(idxDir, outDir, { expectCount: false });
    const manifest = parseManifest(JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8')));
    for (const split of ['train', 'test'] as const) {
      const entry = manifest.splits[split];
      const source = images(COUNTS[split], COUNTS[split]);
      expect(entry.count).toBe(COUNTS[split]);
      expect(entry.pixelsSha256).toBe(sha256Hex(source));
      const sheet = decodeGrayPng(await readFile(join(outDir, entry.images)));
      const layout = spriteLayout(entry.count, entry.columns);
      expect([sheet.width, sheet.height]).toEqual([layout.width, layout.height]);
      expect(sheetToTiles(sheet.gray, layout)).toEqual(source);
      expect(new Uint8Array(await readFile(join(outDir, entry.labels)))).toEqual(
        Uint8Array.from({ length: COUNTS[split] }, (_, i) => i % 10),
      );
    }
  });

  it('refuses IDX files whose counts are not MNIST’s', async () => {
    await expect(buildDataset(idxDir, outDir)).rejects.toThrow(/holds 30 images; MNIST's train split has 60000/);
  });

  it('refuses image and label files that disagree', async () => {
    await writeFile(join(idxDir, IDX_FILES.test.labels), encodeIdxLabels(new Uint8Array(11)));
    await expect(buildDataset(idxDir, outDir, { expectCount: false })).rejects.toThrow(/12 images but .* 11 labels/);
  });

  it('knows when its outputs are stale', async () => {
    expect(await isUpToDate(idxDir, outDir)).toBe(false);
    await buildDataset(idxDir, outDir, { expectCount: false });
    expect(await isUpToDate(idxDir, outDir)).toBe(true);
    await writeFile(join(outDir, 'train-labels.u8'), new Uint8Array(3));
    expect(await isUpToDate(idxDir, outDir)).toBe(false);
    await buildDataset(idxDir, outDir, { expectCount: false });
    await rm(join(outDir, 'test-images.png'));
    expect(await isUpToDate(idxDir, outDir)).toBe(false);
  });
});
