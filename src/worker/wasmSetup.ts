import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs';

/** The wasm binaries come from the app's own origin, bundled by Vite, never from a CDN. */
setWasmPaths({
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
});

/**
 * tfjs starts the threaded build's pthread workers from blob: URLs, which the page's
 * policy (workers from its own origin only) refuses, and the backend would then never
 * start. The single-threaded SIMD build loads from the origin like everything else.
 */
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

/** Which wasm build runs: SIMD and threads need a cross-origin isolated page (COOP/COEP). */
export async function describeWasm(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const parts = [
    simd ? 'SIMD' : 'no SIMD',
    threads ? `${getThreadsCount()} thread${getThreadsCount() === 1 ? '' : 's'}` : 'single-threaded',
  ];
  return `WebAssembly (${parts.join(', ')})`;
}
