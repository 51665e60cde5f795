import { SPLITS, type SplitName } from './mnist';
import { isRecord } from '../json';

/** One split as described in public/data/mnist.json. Paths are relative to the manifest. */
export interface SplitManifest {
  readonly images: string;
  readonly labels: string;
  readonly count: number;
  readonly columns: number;
  /** SHA-256 (hex) of the decoded pixels in tile order, one byte per pixel. */
  readonly pixelsSha256: string;
}

export interface Manifest {
  readonly splits: Readonly<Record<SplitName, SplitManifest>>;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

function parseSplit(name: SplitName, value: unknown): SplitManifest {
  if (!isRecord(value)) throw new ManifestError(`the "${name}" split is missing`);
  const { images, labels, count, columns, pixelsSha256 } = value;
  if (typeof images !== 'string' || images === '') throw new ManifestError(`"${name}.images" must be a file name`);
  if (typeof labels !== 'string' || labels === '') throw new ManifestError(`"${name}.labels" must be a file name`);
  if (typeof count !== 'number' || !Number.isInteger(count) || count <= 0) {
    throw new ManifestError(`"${name}.count" must be a positive integer`);
  }
  if (typeof columns !== 'number' || !Number.isInteger(columns) || columns <= 0) {
    throw new ManifestError(`"${name}.columns" must be a positive integer`);
  }
  if (typeof pixelsSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(pixelsSha256)) {
    throw new ManifestError(`"${name}.pixelsSha256" must be 64 hex digits`);
  }
  return { images, labels, count, columns, pixelsSha256 };
}

/** Validates untrusted JSON into a Manifest, naming the first thing that is wrong. */
export function parseManifest(json: unknown): Manifest {
  if (!isRecord(json) || !isRecord(json.splits)) throw new ManifestError('it has no "splits" object');
  const splits = json.splits;
  const [train, test] = SPLITS.map((name) => parseSplit(name, splits[name]));
  if (!train || !test) throw new ManifestError('it must describe a train and a test split');
  return { splits: { train, test } };
}
