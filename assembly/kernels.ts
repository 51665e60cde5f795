/**
 * SIMD kernels for the training step on tfjs' wasm backend, in AssemblyScript.
 *
 * The module imports tfjs' own wasm memory, so every pointer below is a tensor's byte
 * offset in that memory (BackendWasm.getMemoryOffset): no copies in or out. It must
 * therefore own no memory of its own: no strings, arrays, globals in memory or runtime
 * allocations (scripts/build-wasm-kernels.ts refuses a build with data segments).
 *
 * Float32 NHWC throughout; the pooling, bias and filter kernels need channels in whole
 * f32x4 lane groups (multiples of 4), which the caller checks before choosing them. This
 * file is the module's entry: each kernel lives in the file of its kind.
 */

export { maxPoolGrad2x2 } from './pooling';
export { addBias, mulChannels, subChannels, sumRows } from './bias';
export { filterGrad3x3In1 } from './filterGrad';
export { filterGradAny } from './filterGradAny';
export { seedDropout, dropoutMultiplier } from './dropout';
export { tanh } from './tanh';
