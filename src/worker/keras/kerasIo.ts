import type { KerasFormat } from '../../ml/network/keras/formats';
import { readKerasFile, writeKerasFile, type KerasExport, type KerasImport } from '../../ml/network/keras/kerasFile';
import { h5wasmCodec } from './h5wasmCodec';

/*
 * The worker's one door to Keras files, imported on first use: this module, h5wasm and fflate
 * make a chunk of their own, which the service worker precaches for offline use.
 */

export async function writeKeras(format: KerasFormat, model: KerasExport): Promise<Uint8Array> {
  return writeKerasFile(await h5wasmCodec(), format, model);
}

export async function readKeras(bytes: Uint8Array): Promise<KerasImport> {
  return readKerasFile(await h5wasmCodec(), bytes);
}
