import type { RaceReport } from './race';
import { isOneOf } from '../choices';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(value: string): value is BackendName {
  return isOneOf(BACKENDS, value);
}

/**
 * The app's own kernels on wasm: `simd` (assembly/kernels.ts, where they load) over the
 * JavaScript ones, or `js` alone, which the bench sets to measure what SIMD gains.
 */
export const WASM_KERNELS = ['simd', 'js'] as const;
export type WasmKernels = (typeof WASM_KERNELS)[number];

export function isWasmKernels(value: string): value is WasmKernels {
  return isOneOf(WASM_KERNELS, value);
}

/** What the worker found out about one backend before choosing. */
export interface BackendProbe {
  readonly name: BackendName;
  readonly available: boolean;
  /** A software implementation (SwiftShader, llvmpipe, a fallback adapter) rather than a GPU. */
  readonly software: boolean;
  /** Adapter or renderer, or why it is unavailable. */
  readonly detail: string;
}

/** The backend in use, and what the page says about the choice. */
export interface BackendChoice {
  readonly name: BackendName;
  readonly detail: string;
  readonly software: boolean;
  /** Why each other backend is not the one in use. */
  readonly reasons: string[];
  /** Set when the requested backend could not be used. */
  readonly notice: string | null;
  /** The engines as measured on this device, if they were (else the choice followed the constants). */
  readonly race: RaceReport | null;
  /** wasm: the XNNPACK threads it runs with; null on other engines. */
  readonly threads: number | null;
}

/**
 * The order to race engines in, and the fallback when no race could run: milliseconds
 * per training step (batch 128, this network). The software rows and
 * the CPU row were measured with `npm run bench` in headless Chromium on a 2-core
 * machine without a GPU; the hardware rows are not measurements but a floor that
 * puts any real GPU first, WebGPU before WebGL. Ranking by cost rather than by name
 * is what puts a software WebGPU adapter (~7× slower than software WebGL) last.
 */
const MEASURED_MS_PER_STEP: Readonly<Record<BackendName, { hardware: number; software: number }>> = {
  webgpu: { hardware: 5, software: 2541 },
  webgl: { hardware: 12, software: 354 },
  wasm: { hardware: 30, software: 30 },
  cpu: { hardware: 277, software: 277 },
};

export function expectedMsPerStep(probe: BackendProbe): number {
  const costs = MEASURED_MS_PER_STEP[probe.name];
  return probe.software ? costs.software : costs.hardware;
}

const TITLE: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'wasm', cpu: 'CPU' };

export function backendTitle(name: BackendName): string {
  return TITLE[name];
}

/** Available backends, fastest first. */
export function rankBackends(probes: readonly BackendProbe[]): BackendProbe[] {
  return probes.filter((probe) => probe.available).sort((a, b) => expectedMsPerStep(a) - expectedMsPerStep(b));
}

/** One sentence per backend that is not in use, saying why, for the badge. */
export function explainChoice(chosen: BackendName, probes: readonly BackendProbe[]): string[] {
  const active = probes.find((probe) => probe.name === chosen);
  const activeCost = active ? expectedMsPerStep(active) : Infinity;
  return probes
    .filter((probe) => probe.name !== chosen)
    .map((probe) => {
      const title = TITLE[probe.name];
      if (!probe.available) return `${title}: ${probe.detail}.`;
      const cost = expectedMsPerStep(probe);
      const kind = probe.software ? `software (${probe.detail})` : probe.detail;
      if (cost > activeCost) return `${title}: ${kind}, about ${Math.round(cost / activeCost)}× slower per step.`;
      return `${title}: ${kind}, not chosen.`;
    });
}

/** Renderer or adapter strings that name a software implementation. */
export function looksSoftware(description: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i.test(description);
}
