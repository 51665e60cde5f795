import type * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './registry';

/** The part of tfjs' wasm backend the app's kernels use: tensors as offsets in its memory. */
export interface WasmHeap {
  getMemoryOffset(dataId: object): number;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  incRef(dataId: object): void;
}

export function isWasmHeap(backend: object): backend is WasmHeap {
  return ['getMemoryOffset', 'makeOutput', 'typedArrayFromHeap', 'incRef'].every((name) => name in backend);
}

export function wasmHeap(args: KernelArgs): WasmHeap {
  if (!isWasmHeap(args.backend)) throw new Error('this kernel runs only on the wasm backend');
  return args.backend;
}

/** A tensor's byte offset in the wasm memory. */
export function offsetOf(heap: WasmHeap, info: tf.TensorInfo): number {
  return heap.getMemoryOffset(info.dataId);
}
