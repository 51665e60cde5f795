import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  backendTitle,
  explainChoice,
  looksSoftware,
  rankBackends,
  type BackendChoice,
  type BackendName,
  type BackendProbe,
} from '../../ml/engines/backend';
import { installTrainingKernels } from '../../ml/kernels';
import type { RaceReport } from '../../ml/engines/race';
import { describeWasm, simdKernels, wasmThreads } from './wasmSetup';
import { errorMessage } from '../../ml/errors';

async function probeWebGpu(): Promise<BackendProbe> {
  const unavailable = (detail: string): BackendProbe => ({ name: 'webgpu', available: false, software: false, detail });
  if (!('gpu' in navigator)) return unavailable('this browser does not offer WebGPU');
  try {
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return unavailable('no WebGPU adapter was offered');
    const { vendor, architecture, description } = adapter.info;
    const name = [vendor, architecture, description].filter(Boolean).join(' ') || 'unnamed adapter';
    // Older browsers lack info.isFallbackAdapter; treat a missing flag as hardware and let the name decide.
    const fallback = Boolean((adapter.info as { isFallbackAdapter?: boolean }).isFallbackAdapter);
    return { name: 'webgpu', available: true, software: fallback || looksSoftware(name), detail: name };
  } catch (error) {
    return unavailable(`the adapter request failed (${errorMessage(error)})`);
  }
}

function probeWebGl(): BackendProbe {
  const unavailable = (detail: string): BackendProbe => ({ name: 'webgl', available: false, software: false, detail });
  if (typeof OffscreenCanvas === 'undefined') return unavailable('this browser has no OffscreenCanvas for WebGL in a worker');
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return unavailable('the browser refused a WebGL 2 context');
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { name: 'webgl', available: true, software: looksSoftware(renderer), detail: renderer };
}

const CPU_PROBE: BackendProbe = { name: 'cpu', available: true, software: false, detail: 'plain JavaScript' };

function probeWasm(): BackendProbe {
  if (typeof WebAssembly !== 'object')
    return { name: 'wasm', available: false, software: false, detail: 'this browser has no WebAssembly' };
  return { name: 'wasm', available: true, software: false, detail: 'WebAssembly' };
}

/** Makes `name` tfjs' backend, with the app's training kernels; false if it cannot start. */
export async function activate(name: BackendName): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    installTrainingKernels(name, name === 'wasm' ? await simdKernels() : null);
    return true;
  } catch {
    return false;
  }
}

/** What each backend is on this device: available or not, hardware or software, and its name. */
export async function probeAll(): Promise<BackendProbe[]> {
  return [await probeWebGpu(), probeWebGl(), probeWasm(), CPU_PROBE];
}

/** The fastest backend other than `lost`, to offer after its GPU went away. */
export async function bestBackendBesides(lost: BackendName | null): Promise<BackendName | null> {
  return rankBackends(await probeAll()).find((probe) => probe.name !== lost)?.name ?? null;
}

/**
 * Starts the requested backend, or else the winner of the race (`race`), or else the
 * fastest by the constants, falling down the order when one fails to start.
 */
export async function selectBackend(
  requested: BackendName | null,
  probes: readonly BackendProbe[],
  race: RaceReport | null,
): Promise<BackendChoice> {
  const ranking = rankBackends(probes);
  const winner = race?.winner ? ranking.find((probe) => probe.name === race.winner) : undefined;
  const preferred = winner ? [winner, ...ranking.filter((probe) => probe !== winner)] : ranking;
  const wanted = requested ? probes.find((probe) => probe.name === requested) : undefined;
  let notice: string | null = null;
  if (requested && wanted && !wanted.available) {
    notice = `${backendTitle(requested)} was requested but is unavailable: ${wanted.detail}.`;
  }
  const order = wanted?.available ? [wanted, ...preferred.filter((probe) => probe !== wanted)] : preferred;
  const failed: BackendProbe[] = [];
  for (const candidate of order) {
    if (await activate(candidate.name)) {
      const tried = probes.map((probe) =>
        failed.includes(probe) ? { ...probe, available: false, detail: `${probe.detail}: it failed to start` } : probe,
      );
      if (requested && candidate.name !== requested) {
        notice = `${notice ?? `${backendTitle(requested)} failed to start.`} Training uses ${backendTitle(candidate.name)} instead.`;
      }
      return {
        name: candidate.name,
        detail: candidate.name === 'wasm' ? await describeWasm() : candidate.detail,
        software: candidate.software,
        reasons: explainChoice(candidate.name, tried),
        notice,
        race,
        threads: candidate.name === 'wasm' ? await wasmThreads() : null,
      };
    }
    failed.push(candidate);
  }
  throw new Error('no TensorFlow.js backend could be started in this browser');
}
