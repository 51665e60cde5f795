import type * as tf from '@tensorflow/tfjs';
import { replaceKernel, type KernelArgs } from './registry';
import { wasmHeap } from './wasmHeap';

function share(args: KernelArgs, x: tf.TensorInfo): tf.TensorInfo {
  wasmHeap(args).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Identity on wasm as the CPU and WebGL backends do it: the output shares the input's
 * memory (one more reference) instead of copying it. tfjs' wasm kernel copies, and the
 * gradient tape calls Identity about 25 times a step here (1.3 ms of copies).
 */
export function installSharedIdentity(): void {
  replaceKernel('Identity', 'wasm', (original) => (args) => {
    const { x } = args.inputs;
    if (!x || x.dtype === 'string') {
      if (!original) throw new Error('the wasm backend has no Identity kernel');
      return original.kernelFunc(args);
    }
    return share(args, x);
  });
}

/**
 * A Cast to the dtype the tensor already has, shared in the same way: ReLU's gradient casts
 * its float32 step to float32, and tfjs' wasm Cast copies the values in JavaScript.
 */
export function installSharedCast(): void {
  replaceKernel('Cast', 'wasm', (original) => (args) => {
    const { x } = args.inputs;
    if (!original) throw new Error('the wasm backend has no Cast kernel');
    return x && x.dtype !== 'string' && x.dtype === args.attrs?.dtype ? share(args, x) : original.kernelFunc(args);
  });
}
