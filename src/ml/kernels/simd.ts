/**
 * The app's SIMD kernels (assembly/kernels.ts), instantiated on tfjs' own wasm memory:
 * every argument named like a tensor is that tensor's byte offset in the memory. They are
 * plain wasm exports (no `this`), so they are typed as function-valued properties.
 */
export interface SimdKernels {
  readonly maxPoolGrad2x2: (
    x: number,
    dy: number,
    dx: number,
    batch: number,
    height: number,
    width: number,
    channels: number,
    outHeight: number,
    outWidth: number,
  ) => void;
  readonly addBias: (x: number, bias: number, out: number, rows: number, channels: number) => void;
  readonly mulChannels: (x: number, v: number, out: number, rows: number, channels: number) => void;
  readonly subChannels: (x: number, v: number, out: number, rows: number, channels: number) => void;
  readonly sumRows: (x: number, out: number, rows: number, channels: number) => void;
  readonly filterGrad3x3In1: (
    x: number,
    dy: number,
    out: number,
    batch: number,
    height: number,
    width: number,
    outChannels: number,
  ) => void;
  readonly filterGradAny: (
    x: number,
    dy: number,
    out: number,
    batch: number,
    height: number,
    width: number,
    inChannels: number,
    outChannels: number,
    kernel: number,
    top: number,
    left: number,
    outHeight: number,
    outWidth: number,
  ) => void;
  /** out[i] = tanh(x[i]) for `count` floats. */
  readonly tanh: (x: number, out: number, count: number) => void;
  /** Starts dropout's sequence of draws with the key `seed` (a 32-bit integer) at position `start`. */
  readonly seedDropout: (seed: number, start: number) => void;
  /** Writes `count` values, each 1 / keep with probability keep and else 0. */
  readonly dropoutMultiplier: (out: number, count: number, keep: number) => void;
}
