import {
  BackendWasm,
  getThreadsCount,
  setPthreadPoolSize,
  setThreadedScriptUrls,
  setThreadsCount,
  setWasmPaths,
} from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs';
import type { WasmKernels } from '../../ml/engines/backend';
import { errorMessage } from '../../ml/errors';
import { MAX_WASM_THREADS, pthreadWorkersFor } from '../../ml/engines/race';
import type { SimdKernels } from '../../ml/kernels/simd';
import { instantiateSimdKernels, simdKernelsFile, wasmMemoryOf } from './simdKernels';

/** The wasm binaries come from the app's own origin, bundled by Vite, never from a CDN. */
setWasmPaths({
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
});

/**
 * tfjs would start the threaded build's pthread workers, and load its main script in
 * them, from blob: URLs, which the page's policy (scripts and workers from its own
 * origin only) refuses. The same two scripts are served from public/tfjs-wasm/
 * (scripts/build-wasm-threads.ts), and the patched tfjs takes their URLs instead.
 */
const scripts = new URL(`${import.meta.env.BASE_URL}tfjs-wasm/`, self.location.origin);
setThreadedScriptUrls({ worker: new URL('threaded-simd.worker.js', scripts).href, main: new URL('threaded-simd.js', scripts).href });

const cores = Math.max(1, navigator.hardwareConcurrency || 1);

/** Every core, as far as XNNPACK's pool in tfjs goes. */
export const everyCore = (): number => Math.min(cores, MAX_WASM_THREADS);

/**
 * Emscripten's pthread workers, started with the threaded module: enough for the pools a first
 * race makes (`pthreadWorkersFor`). A pool that needs more than are left would hang this worker
 * (measured: the workers it waits for can only start once it returns), so `useWasmThreads`
 * never makes one.
 */
const PTHREAD_WORKERS = pthreadWorkersFor(cores);
setPthreadPoolSize(PTHREAD_WORKERS);

/** The pthread workers no pool has taken yet; known once wasm runs. */
let workersLeft: number | null = null;

/**
 * XNNPACK's threads for when the wasm backend starts: the URL's `threads`, else one (a pool
 * that takes no pthread worker) until the race, or the race cached, sets the count before the
 * first step. Without cross-origin isolation there is no SharedArrayBuffer, tfjs finds no
 * thread support, and the single-threaded SIMD build runs. Must be called before wasm starts.
 */
export function configureWasmThreads(count: number | null): void {
  setThreadsCount(count ?? 1);
}

/** The wasm backend if it has started (tfjs keeps it while another backend runs). */
function startedWasm(): BackendWasm | null {
  const backend = tf.engine().registry.wasm;
  return backend instanceof BackendWasm ? backend : null;
}

/** Whether wasm runs its threaded build (a cross-origin isolated page). */
export async function wasmIsThreaded(): Promise<boolean> {
  return Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
}

/**
 * Runs wasm with `count` XNNPACK threads from the next kernel on, and returns the count it
 * runs with: the current one when the pool would need more pthread workers than are left.
 * Emscripten's pthread build cannot start a second module in one worker, but tfjs'
 * `init_with_threads_count` makes a new XNNPACK pool for the running one, and every XNNPACK
 * operator takes the current pool when it runs. tfjs cannot free the old pool: its threads
 * sleep on a futex and keep their workers. Called only between training steps (the race,
 * before the first Train), never while a step runs. Before wasm starts it only sets the count
 * it will start with.
 */
export async function useWasmThreads(count: number): Promise<number> {
  const backend = startedWasm();
  if (!backend) {
    setThreadsCount(count);
    return count;
  }
  if (!(await wasmIsThreaded())) return 1;
  const pool = backend.wasm.tfjs;
  const current = pool.getThreadsCount();
  const left = (workersLeft ??= PTHREAD_WORKERS - (current - 1));
  if (current === count || count - 1 > left) return current;
  pool.initWithThreadsCount(count);
  const made = pool.getThreadsCount();
  workersLeft = left - (made - 1);
  return made;
}

/**
 * Whether wasm can move to `count` threads and afterwards back to any of `returns` (a pool of
 * one thread takes no worker). Before wasm starts, or on the single-threaded build, it can.
 */
export async function canTryWasmThreads(count: number, returns: readonly number[]): Promise<boolean> {
  const backend = startedWasm();
  if (!backend || !(await wasmIsThreaded())) return true;
  const current = backend.wasm.tfjs.getThreadsCount();
  if (current === count) return true;
  const left = (workersLeft ??= PTHREAD_WORKERS - (current - 1));
  return count - 1 + Math.max(0, ...returns.map((back) => back - 1)) <= left;
}

let kernels: WasmKernels = 'simd';
let loaded: { backend: BackendWasm; kernels: Promise<SimdKernels | null> } | null = null;

/** Whether the app's SIMD kernels should run on wasm (`js`: the bench's comparison without them). */
export function configureWasmKernels(choice: WasmKernels): void {
  kernels = choice;
}

async function loadSimdKernels(backend: BackendWasm): Promise<SimdKernels | null> {
  try {
    const memory = wasmMemoryOf(backend);
    const response = await fetch(new URL(simdKernelsFile(memory), scripts));
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return await instantiateSimdKernels(await WebAssembly.compile(await response.arrayBuffer()), memory);
  } catch (error) {
    // Without wasm SIMD (an old browser), without the file, or if tfjs' memory is not where it was, the JS kernels do the work.
    console.warn(`The SIMD training kernels did not load, so JavaScript ones run: ${errorMessage(error)}`);
    return null;
  }
}

/**
 * The app's SIMD kernels on the running wasm backend's memory (fetched and compiled once),
 * or null when they are switched off or cannot run here.
 */
export function simdKernels(): Promise<SimdKernels | null> {
  const backend = tf.backend();
  if (kernels === 'js' || !(backend instanceof BackendWasm)) return Promise.resolve(null);
  loaded ??= { backend, kernels: loadSimdKernels(backend) };
  // The kernels are registered once, bound to that memory: a second wasm backend (the app never
  // starts one) would need them bound again.
  if (loaded.backend !== backend) throw new Error('a second wasm backend started; the SIMD kernels are bound to the first');
  return loaded.kernels;
}

/** XNNPACK's threads in the wasm backend's current pool (1 for the single-threaded build). */
export async function wasmThreads(): Promise<number> {
  if (!(await wasmIsThreaded())) return 1;
  // tfjs' own getThreadsCount() is the count the backend started with; the pool may have changed since.
  return startedWasm()?.wasm.tfjs.getThreadsCount() ?? getThreadsCount();
}

/**
 * Which wasm build runs (SIMD and threads need a cross-origin isolated page: COOP/COEP), and
 * whose training kernels: the app's SIMD ones, or the JavaScript ones where those could not load.
 */
export async function describeWasm(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const count = await wasmThreads();
  const threads = threaded ? `${count} thread${count === 1 ? '' : 's'}` : 'single-threaded';
  const own = (await simdKernels()) ? 'SIMD' : 'JavaScript';
  return `WebAssembly (${simd ? 'SIMD' : 'no SIMD'}, ${threads}, ${own} training kernels)`;
}
