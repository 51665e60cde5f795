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
} from '../ml/backend';
import { installTrainingKernels } from '../ml/kernels';
import { describeWasm } from './wasmSetup';
import { errorMessage } from '../ml/errors';

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

async function activate(name: BackendName): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    installTrainingKernels(name);
    return true;
  } catch {
    return false;
  }
}

async function probeAll(): Promise<BackendProbe[]> {
  return [await probeWebGpu(), probeWebGl(), probeWasm(), CPU_PROBE];
}

/** The fastest backend other than `lost`, to offer after its GPU went away. */
export async function bestBackendBesides(lost: BackendName | null): Promise<BackendName | null> {
  return rankBackends(await probeAll()).find((probe) => probe.name !== lost)?.name ?? null;
}

/**
 * Probes every backend, then starts the requested one or else the fastest by
 * measured cost, falling down the ranking when one fails to start.
 */
export async function selectBackend(requested: BackendName | null): Promise<BackendChoice> {
  const probes = await probeAll();
  const ranking = rankBackends(probes);
  const wanted = requested ? probes.find((probe) => probe.name === requested) : undefined;
  let notice: string | null = null;
  if (requested && wanted && !wanted.available) {
    notice = `${backendTitle(requested)} was requested but is unavailable: ${wanted.detail}.`;
  }
  const order = wanted?.available ? [wanted, ...ranking.filter((probe) => probe !== wanted)] : ranking;
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
      };
    }
    failed.push(candidate);
  }
  throw new Error('no TensorFlow.js backend could be started in this browser');
}
