import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { SimdKernels } from '../../ml/kernels/simd';

/*
 * Instantiating the app's SIMD kernels (assembly/kernels.ts) on the memory of tfjs' running
 * wasm backend. Here rather than in src/ml, which knows no host APIs (WebAssembly among them).
 */

type Kernel = (...args: number[]) => void;

function isKernel(value: unknown): value is Kernel {
  return typeof value === 'function';
}

/** tfjs' wasm memory: exported by the single-threaded builds, created in JS (and shared) by the threaded one. */
export function wasmMemoryOf(backend: BackendWasm): WebAssembly.Memory {
  const module: object = backend.wasm;
  const exported =
    'asm' in module && typeof module.asm === 'object' && module.asm !== null && 'memory' in module.asm ? module.asm.memory : null;
  const created = 'wasmMemory' in module ? module.wasmMemory : null;
  const memory = [created, exported].find((candidate) => candidate instanceof WebAssembly.Memory);
  // The memory its kernels see: the buffer behind tfjs' own views.
  const heap = 'HEAPU8' in module && module.HEAPU8 instanceof Uint8Array ? module.HEAPU8.buffer : null;
  if (!(memory instanceof WebAssembly.Memory) || memory.buffer !== heap) {
    throw new Error("tfjs' wasm memory was not found (has tfjs-backend-wasm changed shape?)");
  }
  return memory;
}

/** Whether tfjs' memory is shared (its threaded build): the kernels' build must import it as such. */
export function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

/** The file of the kernels' build that fits `memory`, from scripts/build-wasm-kernels.ts. */
export function simdKernelsFile(memory: WebAssembly.Memory): string {
  return isShared(memory) ? 'kernels-shared.wasm' : 'kernels.wasm';
}

/** Instantiates the kernels on `memory`; throws if the binary lacks one of them. */
export async function instantiateSimdKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<SimdKernels> {
  const instance = await WebAssembly.instantiate(module, { env: { memory } });
  const pick = (name: keyof SimdKernels): Kernel => {
    const kernel = instance.exports[name];
    if (!isKernel(kernel)) throw new Error(`the SIMD kernels' binary lacks ${name}`);
    return kernel;
  };
  return {
    maxPoolGrad2x2: pick('maxPoolGrad2x2'),
    addBias: pick('addBias'),
    mulChannels: pick('mulChannels'),
    subChannels: pick('subChannels'),
    sumRows: pick('sumRows'),
    filterGrad3x3In1: pick('filterGrad3x3In1'),
    filterGradAny: pick('filterGradAny'),
    tanh: pick('tanh'),
    seedDropout: pick('seedDropout'),
    dropoutMultiplier: pick('dropoutMultiplier'),
  };
}
