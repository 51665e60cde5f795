import { installBatchMatMul } from './batchMatMul';
import { installBatchNormGradient } from './batchNormGradient';
import { installConv2dBackpropFilter } from './conv2dBackpropFilter';
import { installConv2dBackpropInput } from './conv2dBackpropInput';
import { installSharedCast, installSharedIdentity } from './identity';
import { installMaxPoolGrad } from './maxPoolGrad';
import type { SimdKernels } from './simd';
import { installSimdKernels } from './simdInstall';

/**
 * Kernels that make training fast (or, on wasm, possible) on the backends without a GPU.
 * Each replacement handles the shapes it is written for and hands anything else to the
 * backend's own kernel. On wasm, `simd` (the app's SIMD kernels on tfjs' memory, when they
 * could be loaded) goes over the JS ones. Batch normalisation's gradient is replaced on
 * every backend.
 */
export function installTrainingKernels(backendName: string, simd: SimdKernels | null = null): void {
  installBatchNormGradient();
  if (backendName === 'wasm') {
    installConv2dBackpropFilter('wasm');
    installConv2dBackpropInput('wasm');
    installBatchMatMul('wasm');
    installMaxPoolGrad('wasm');
    installSharedIdentity();
    installSharedCast();
    if (simd) installSimdKernels(simd);
  } else if (backendName === 'cpu') {
    installConv2dBackpropFilter('cpu');
    installMaxPoolGrad('cpu');
  }
}
