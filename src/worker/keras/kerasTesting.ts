import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import h5wasm, { type File as H5File } from 'h5wasm';
import type { H5Node } from '../../ml/network/keras/h5Tree';

/*
 * The fixtures saved by real Keras 3.10 (fixtures/keras), and ways to make hostile copies of
 * them, for the tests of the Keras files. Node only.
 */

const fixture = (name: string): URL => new URL(`../../../fixtures/keras/${name}`, import.meta.url);

export const fixtureBytes = (name: 'notebook-cnn.keras' | 'notebook-cnn.h5'): Uint8Array => new Uint8Array(readFileSync(fixture(name)));

export interface Expected {
  readonly labels: number[];
  readonly argmax: number[];
  readonly probabilities: number[][];
}

export function expectedPredictions(): Expected {
  return JSON.parse(readFileSync(fixture('notebook-cnn.expected.json'), 'utf8')) as Expected;
}

/** The members of a .keras file, parsed where they are JSON, and config.json as written. */
export function kerasMembers(bytes: Uint8Array): { config: unknown; configText: string; metadata: unknown; weights: Uint8Array } {
  const members = unzipSync(bytes);
  const text = (name: string): string => strFromU8(members[name] ?? new Uint8Array());
  return {
    config: JSON.parse(text('config.json')),
    configText: text('config.json'),
    metadata: JSON.parse(text('metadata.json')),
    weights: members['model.weights.h5'] ?? new Uint8Array(),
  };
}

/** A copy of a .keras file with its config.json changed. */
export interface ConfigJson {
  config: { layers: { config: Record<string, unknown> }[] };
  compile_config?: unknown;
}

export function withConfig(bytes: Uint8Array, edit: (config: ConfigJson) => void): Uint8Array {
  const members = unzipSync(bytes);
  const config = JSON.parse(strFromU8(members['config.json'] ?? new Uint8Array())) as ConfigJson;
  edit(config);
  return zipSync({ ...members, 'config.json': new TextEncoder().encode(JSON.stringify(config)) }, { level: 0 });
}

let counter = 0;

/** Reads HDF5 bytes with h5wasm in Node. */
export async function readH5<T>(bytes: Uint8Array, read: (file: H5File) => T): Promise<T> {
  const { FS } = await h5wasm.ready;
  const path = `/read-${++counter}.h5`;
  FS.writeFile(path, bytes);
  const file = new h5wasm.File(path, 'r');
  try {
    return read(file);
  } finally {
    file.close();
    FS.unlink(path);
  }
}

/** Writes groups and datasets as the app's codec would, but each dataset as `dtypeOf` says: '<f', '<d' (float64), or 'gzip' (float32, compressed in chunks). */
export async function writeNodesAs(nodes: readonly H5Node[], dtypeOf: (path: string) => string): Promise<Uint8Array> {
  const { FS } = await h5wasm.ready;
  const path = `/nodes-${++counter}.h5`;
  const file = new h5wasm.File(path, 'w');
  try {
    for (const node of nodes) {
      if (node.kind === 'dataset') {
        const dtype = dtypeOf(node.path);
        const data = dtype === '<d' ? Float64Array.from(node.values) : node.values;
        const compressed = dtype === 'gzip' ? { chunks: [...node.shape], compression: 'gzip' as const } : {};
        file.create_dataset({ name: node.path, data, shape: [...node.shape], dtype: dtype === 'gzip' ? '<f' : dtype, ...compressed });
        continue;
      }
      const group = node.path === '' ? file : file.create_group(node.path);
      for (const [name, value] of Object.entries(node.attrs ?? {})) {
        if (typeof value === 'string') group.create_attribute(name, value);
        else if (value.length > 0) group.create_attribute(name, [...value]);
        else group.create_attribute(name, [], [0]);
      }
    }
  } finally {
    file.close();
  }
  const bytes = FS.readFile(path);
  FS.unlink(path);
  return bytes;
}
