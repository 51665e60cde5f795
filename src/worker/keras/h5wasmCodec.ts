import h5wasm, { Dataset, Group, type File as H5File } from 'h5wasm';
import type { H5Codec } from '../../ml/network/keras/kerasFile';
import type { H5Description, H5Node, H5Reader } from '../../ml/network/keras/h5Tree';
import { excerpt, fail, ModelFileError } from '../../ml/network/topology';

/*
 * HDF5 through h5wasm (the HDF5 C library compiled to WebAssembly): files live in its in-memory
 * file system only while they are written or read. This module is imported only when a Keras file
 * is, so the page and the worker's start never carry its 4 MB.
 */

interface MemoryFs {
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
}

let counter = 0;
const scratch = (): string => `/keras-${++counter}.h5`;

/** Removes a scratch file, if it was made at all: a failure to make it is the error worth keeping. */
function discard(fs: MemoryFs, path: string): void {
  try {
    fs.unlink(path);
  } catch {
    // Never written.
  }
}

/** h5wasm's names for the types it reads: float of 4 bytes is float32, and so on. */
function dtypeName(dataset: Dataset): string {
  const { type, size, signed, littleEndian } = dataset.metadata;
  // HDF5's type classes: 0 integer, 1 float.
  const base = type === 1 ? `float${size * 8}` : type === 0 ? `${signed ? '' : 'u'}int${size * 8}` : 'another type';
  return littleEndian || size === 1 ? base : `big-endian ${base}`;
}

const count = (shape: readonly number[] | null): number => (shape ?? []).reduce((a, b) => a * b, 1);

function isPlain(dataset: Dataset): boolean {
  const { chunks, shape, virtual_sources: virtual } = dataset.metadata;
  const oversized = chunks !== null && count(chunks) > Math.max(1, count(shape));
  return dataset.filters.length === 0 && (virtual ?? []).length === 0 && !oversized;
}

const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

function reader(file: H5File): H5Reader {
  const at = (path: string): ReturnType<H5File['get']> => (path === '' ? file : file.get(path));
  /** The attribute, if there is one of at most `limit` items: its size is known before its value is read. */
  const attribute = (path: string, attr: string, limit: number): unknown => {
    const target = at(path);
    if (!(target instanceof Group || target instanceof Dataset) || !Object.hasOwn(target.attrs, attr)) return undefined;
    const found = target.attrs[attr];
    if (!found || count(found.shape) > limit) return undefined;
    return found.value;
  };
  return {
    text: (path, attr) => {
      const value = attribute(path, attr, 1);
      return typeof value === 'string' ? value : null;
    },
    texts: (path, attr, limit) => {
      const value = attribute(path, attr, limit);
      if (value === undefined || value === null) return null;
      // h5py writes an empty list as an empty float array.
      if (ArrayBuffer.isView(value) && 'length' in value && value.length === 0) return [];
      if (typeof value === 'string') return [value];
      return isTextList(value) ? value : null;
    },
    members: (path) => {
      const target = at(path);
      return target instanceof Group ? target.keys() : null;
    },
    describe: (path): H5Description | null => {
      const target = at(path);
      return target instanceof Dataset ? { dtype: dtypeName(target), shape: target.shape ?? [], plain: isPlain(target) } : null;
    },
    floats: (path) => {
      const target = at(path);
      const value = target instanceof Dataset ? target.value : null;
      if (!(value instanceof Float32Array)) return fail(`${excerpt(path, 80)} could not be read as float32`);
      return value;
    },
  };
}

async function memoryFs(): Promise<MemoryFs> {
  const module: { FS: MemoryFs } = await h5wasm.ready;
  return module.FS;
}

function writeNode(file: H5File, node: H5Node): void {
  switch (node.kind) {
    case 'group': {
      const group = node.path === '' ? file : file.create_group(node.path);
      for (const [name, value] of Object.entries(node.attrs ?? {})) {
        // An empty list is written as an empty array, as h5py writes Keras' empty weight_names.
        if (typeof value !== 'string' && value.length === 0) group.create_attribute(name, [], [0]);
        else group.create_attribute(name, typeof value === 'string' ? value : [...value]);
      }
      return;
    }
    case 'dataset':
      file.create_dataset({ name: node.path, data: node.values, shape: [...node.shape], dtype: '<f' });
      return;
  }
}

/** The codec the Keras files are written and read with, once h5wasm's WebAssembly is ready. */
export async function h5wasmCodec(): Promise<H5Codec> {
  const fs = await memoryFs();
  return {
    write: (nodes) => {
      const path = scratch();
      try {
        const file = new h5wasm.File(path, 'w');
        try {
          for (const node of nodes) writeNode(file, node);
        } finally {
          file.close();
        }
        // Read back only after closing: HDF5 writes its last metadata then.
        return fs.readFile(path);
      } finally {
        discard(fs, path);
      }
    },
    read: (bytes, use) => {
      const path = scratch();
      fs.writeFile(path, bytes);
      let file: H5File | null = null;
      try {
        file = new h5wasm.File(path, 'r');
        if (file.file_id < 0n) fail('it could not be opened as HDF5: it may be truncated or damaged');
        return use(reader(file));
      } catch (error) {
        if (error instanceof ModelFileError) throw error;
        // HDF5's own failures (a damaged file can even make the WebAssembly read out of bounds) mean nothing to the person.
        return fail('it could not be read as HDF5: it may be truncated or damaged');
      } finally {
        if (file && file.file_id >= 0n) file.close();
        discard(fs, path);
      }
    },
  };
}
