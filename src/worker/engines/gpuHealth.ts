import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../../ml/engines/backend';
import { BackendLostError } from '../../ml/training/faults';

/** How often a pending download looks for a lost GPU: a lost WebGL context never answers. */
const POLL_MS = 250;
/** How long a failed WebGPU read waits for the device to report itself lost. */
const LOSS_GRACE_MS = 1000;

/** The parts of tfjs's GPU backends that say whether their device is still there. */
interface WebGlBackendLike {
  readonly gpgpu: { readonly gl: WebGL2RenderingContext };
}
interface WebGpuBackendLike {
  readonly device: GPUDevice;
}

/** The active WebGL backend's context, if WebGL is the active backend. */
export function webGlContext(): WebGL2RenderingContext | null {
  const backend = tf.backend() as Partial<WebGlBackendLike>;
  return backend.gpgpu?.gl ?? null;
}

/** The active WebGPU backend's device, if WebGPU is the active backend. */
export function webGpuDevice(): GPUDevice | null {
  const backend = tf.backend() as Partial<WebGpuBackendLike>;
  return backend.device ?? null;
}

/**
 * Notices when the active backend's GPU goes away (a driver reset, a lost WebGL
 * context, a destroyed WebGPU device). tfjs only logs a warning and goes on
 * computing garbage, so training asks here after every step.
 */
export class GpuHealth {
  private reason: string | null = null;
  private backend: BackendName | null = null;

  /** Starts watching the backend tfjs has just made active. */
  watch(backend: BackendName): void {
    this.backend = backend;
    this.reason = null;
    // WebGL is asked on every read (isContextLost is a cheap flag); WebGPU says so itself.
    if (backend === 'webgpu') {
      void webGpuDevice()?.lost.then((info) => {
        if (this.backend === 'webgpu') this.reason ??= `the WebGPU device was lost (${describeLoss(info)})`;
      });
    }
  }

  /** Why the GPU is gone, or null while it works (always null on CPU and wasm). */
  get lost(): string | null {
    if (!this.reason && this.backend === 'webgl' && webGlContext()?.isContextLost()) this.reason = 'the WebGL context was lost';
    return this.reason;
  }

  /**
   * Why the GPU is gone after an error, or null if it is not. A destroyed WebGPU device
   * fails its pending reads before `device.lost` resolves, so that one gets a moment to say so.
   */
  async confirmLoss(): Promise<string | null> {
    const device = this.backend === 'webgpu' ? webGpuDevice() : null;
    if (this.lost || !device) return this.lost;
    const info = await Promise.race([device.lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), LOSS_GRACE_MS))]);
    return info ? (this.lost ?? `the WebGPU device was lost (${describeLoss(info)})`) : null;
  }

  /** Throws a BackendLostError once the GPU is gone. */
  assert(): void {
    const reason = this.lost;
    if (reason) throw new BackendLostError(reason);
  }

  /** The download's result, or a BackendLostError as soon as the GPU is found gone. */
  guard<T>(download: Promise<T>): Promise<T> {
    if (this.backend !== 'webgl' && this.backend !== 'webgpu') return download;
    return new Promise<T>((resolve, reject) => {
      const settle = (outcome: () => void): void => {
        clearInterval(timer);
        const reason = this.lost;
        if (reason) reject(new BackendLostError(reason));
        else outcome();
      };
      const timer = setInterval(() => {
        if (this.lost) settle(() => undefined);
      }, POLL_MS);
      download.then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }

  get watched(): BackendName | null {
    return this.backend;
  }
}

function describeLoss(info: GPUDeviceLostInfo): string {
  return (info.message || info.reason || 'no reason given').replace(/\.$/, '');
}
