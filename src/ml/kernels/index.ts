import { installBatchMatMul } from './batchMatMul';
import { installConv2dBackpropFilter } from './conv2dBackpropFilter';
import { installConv2dBackpropInput } from './conv2dBackpropInput';
import { installMaxPoolGrad } from './maxPoolGrad';

/**
 * Kernels that make training this network fast (or, on wasm, possible) on the
 * backends without a GPU. Each replacement handles this network's shapes and
 * hands anything else to the backend's own kernel.
 */
export function installTrainingKernels(backendName: string): void {
  if (backendName === 'wasm') {
    installConv2dBackpropFilter('wasm');
    installConv2dBackpropInput('wasm');
    installBatchMatMul('wasm');
    installMaxPoolGrad('wasm');
  } else if (backendName === 'cpu') {
    installConv2dBackpropFilter('cpu');
    installMaxPoolGrad('cpu');
  }
}
