import { describe, expect, it } from 'vitest';
import { explainChoice, looksSoftware, rankBackends, type BackendProbe } from './backend';

const probe = (name: BackendProbe['name'], available: boolean, software: boolean, detail: string): BackendProbe => ({
  name,
  available,
  software,
  detail,
});

describe('rankBackends', () => {
  it('puts software WebGPU below software WebGL, and CPU below both GPUs', () => {
    const ranking = rankBackends([
      probe('webgpu', true, true, 'SwiftShader'),
      probe('webgl', true, true, 'SwiftShader'),
      probe('cpu', true, false, 'JavaScript'),
    ]);
    expect(ranking.map((p) => p.name)).toEqual(['cpu', 'webgl', 'webgpu']);
  });

  it('prefers a hardware WebGPU adapter, then hardware WebGL', () => {
    const ranking = rankBackends([
      probe('webgl', true, false, 'ANGLE (NVIDIA)'),
      probe('cpu', true, false, 'JavaScript'),
      probe('webgpu', true, false, 'nvidia'),
    ]);
    expect(ranking.map((p) => p.name)).toEqual(['webgpu', 'webgl', 'cpu']);
  });

  it('leaves out what is unavailable', () => {
    expect(rankBackends([probe('webgpu', false, false, 'no adapter'), probe('cpu', true, false, 'JavaScript')]).map((p) => p.name)).toEqual(
      ['cpu'],
    );
  });
});

describe('explainChoice', () => {
  it('says why each other backend is not used', () => {
    const reasons = explainChoice('webgl', [
      probe('webgpu', true, true, 'SwiftShader'),
      probe('webgl', true, true, 'SwiftShader'),
      probe('cpu', false, false, 'it failed to start'),
    ]);
    expect(reasons).toEqual(['WebGPU: software (SwiftShader), about 7× slower per step.', 'CPU: it failed to start.']);
  });
});

describe('looksSoftware', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 4090 Direct3D11 vs_5_0 ps_5_0)', false],
    ['Apple M2', false],
  ])('%s → %s', (renderer, software) => {
    expect(looksSoftware(renderer)).toBe(software);
  });
});
