/**
 * Writes the two scripts of tfjs' threaded wasm build into public/tfjs-wasm/, so the
 * page serves them from its own origin: tfjs would make them blob: URLs, which the
 * page's Content-Security-Policy refuses (patches/ teaches tfjs to take these URLs).
 * Run at install and before dev, build and the tests; cheap enough to run every time.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { errorMessage } from '../src/ml/errors';
import { wasmThreadsDir } from './lib/paths';

const require = createRequire(import.meta.url);

async function main(): Promise<void> {
  const out = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  // The pthread worker ships as a string in a CommonJS module; tfjs escapes its newlines before use, and so does this.
  const worker: unknown = require(join(out, 'tfjs-backend-wasm-threaded-simd.worker.js'));
  const main = await readFile(join(out, 'tfjs-backend-wasm-threaded-simd.js'), 'utf8');
  const contents = typeof worker === 'object' && worker !== null && 'wasmWorkerContents' in worker ? worker.wasmWorkerContents : null;
  if (typeof contents !== 'string' || !main.trimStart().startsWith('var WasmBackendModuleThreadedSimd')) {
    throw new Error('tfjs-backend-wasm has changed shape: check patches/ and this script');
  }
  await mkdir(wasmThreadsDir, { recursive: true });
  await writeFile(join(wasmThreadsDir, 'threaded-simd.worker.js'), contents.replace(/\n/g, '\\n'));
  await writeFile(join(wasmThreadsDir, 'threaded-simd.js'), main);
}

main().catch((error: unknown) => {
  console.error(`Could not prepare tfjs' threaded wasm scripts: ${errorMessage(error)}`);
  process.exit(1);
});
