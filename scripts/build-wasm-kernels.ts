/**
 * Compiles the app's SIMD training kernels (assembly/, AssemblyScript) into
 * public/tfjs-wasm/, twice: kernels.wasm imports an ordinary memory (tfjs' single-threaded
 * SIMD build), kernels-shared.wasm a shared one (its threaded build). Both import tfjs'
 * own memory, so the build is refused if it would write anything into it (data segments)
 * or run code at instantiation (a start function). Skipped when the outputs are newer
 * than every file in assembly/, the compiler and this script.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { errorMessage } from '../src/ml/errors';
import { projectRoot, wasmThreadsDir } from './lib/paths';
import { sectionIds } from './lib/wasm-sections';

const require = createRequire(import.meta.url);
const sources = join(projectRoot, 'assembly');
const source = join(sources, 'kernels.ts');
const COMMON = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--noExportMemory', '--use', 'abort=', '--enable', 'simd'];
const BUILDS = [
  { file: 'kernels.wasm', flags: [] },
  // tfjs' threaded memory is shared with a maximum of 4 GiB (65,536 pages): a shared import must declare a maximum at least that.
  { file: 'kernels-shared.wasm', flags: ['--enable', 'threads', '--sharedMemory', '--maximumMemory', '65536'] },
];
const DATA = 11;
const START = 8;

async function mtime(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

async function build(file: string, flags: string[]): Promise<void> {
  // Compiled beside its place and moved there only once checked: a refused build must not stay
  // where the next run's staleness check, and the server, would take it for a good one.
  const out = join(wasmThreadsDir, `${file}.unchecked`);
  // The compiler's own command line, not its API: the API's typings redeclare global types
  // (Array, String) for every file of a program that imports them. Its diagnostics show as they come.
  const compiler = require.resolve('assemblyscript/bin/asc.js');
  const run = spawnSync(process.execPath, [compiler, source, ...COMMON, ...flags, '-o', out], { stdio: 'inherit' });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`asc exited with ${run.status ?? run.signal ?? 'an error'}`);
  const ids = sectionIds(new Uint8Array(await readFile(out)));
  if (ids.includes(DATA) || ids.includes(START)) {
    await rm(out, { force: true });
    throw new Error(`${file} would write into or run code in tfjs' memory`);
  }
  await rename(out, join(wasmThreadsDir, file));
}

async function main(): Promise<void> {
  const files = (await readdir(sources)).map((name) => join(sources, name));
  const times = await Promise.all([...files, require.resolve('assemblyscript/package.json'), import.meta.filename].map(mtime));
  const inputs = Math.max(...times);
  const outputs = await Promise.all(BUILDS.map(({ file }) => mtime(join(wasmThreadsDir, file))));
  if (outputs.every((time) => time > inputs)) return;
  await mkdir(wasmThreadsDir, { recursive: true });
  for (const { file, flags } of BUILDS) await build(file, flags);
}

main().catch((error: unknown) => {
  console.error(`Could not build the SIMD kernels: ${errorMessage(error)}`);
  process.exit(1);
});
