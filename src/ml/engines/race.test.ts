import { median } from '../stats';
import { describe, expect, it } from 'vitest';
import type { BackendProbe } from './backend';
import {
  RACE,
  cutShort,
  fastestWasmThreads,
  measuredFigures,
  needsRerace,
  pickWinner,
  raceKey,
  raceOrder,
  pthreadWorkersFor,
  threadCandidates,
  threadOrder,
  threadsSummary,
  type EngineMeasure,
  type RaceReport,
} from './race';
import { parseNet } from '../network/netText';
import { NOTEBOOK_NETWORK } from '../network/network';
import { multiplyAdds, planOf } from '../network/plan';

const probe = (name: BackendProbe['name'], available: boolean, software: boolean): BackendProbe => ({
  name,
  available,
  software,
  detail: name,
});
const measured = (engine: EngineMeasure['engine'], msPerStep: number, threads: number | null = null): EngineMeasure => ({
  engine,
  status: 'measured',
  msPerStep,
  note: '',
  threads,
});

describe('the engine race', () => {
  it('races the hardware engines, expected fastest first, and not software GPUs while anything else runs', () => {
    const { contenders, skipped } = raceOrder([
      probe('webgpu', true, true),
      probe('webgl', true, true),
      probe('wasm', true, false),
      probe('cpu', true, false),
    ]);
    expect(contenders.map((p) => p.name)).toEqual(['wasm', 'cpu']);
    expect(skipped.map((m) => [m.engine, m.status])).toEqual([
      ['webgpu', 'software'],
      ['webgl', 'software'],
    ]);
    const gpu = raceOrder([
      probe('webgpu', false, false),
      probe('webgl', true, false),
      probe('wasm', true, false),
      probe('cpu', true, false),
    ]);
    expect(gpu.contenders.map((p) => p.name)).toEqual(['webgl', 'wasm', 'cpu']);
    expect(gpu.skipped).toEqual([{ engine: 'webgpu', status: 'unavailable', msPerStep: null, note: 'webgpu', threads: null }]);
  });

  it('races software GPUs when nothing else is there', () => {
    expect(
      raceOrder([probe('webgl', true, true), probe('wasm', false, false), probe('cpu', false, false)]).contenders.map((p) => p.name),
    ).toEqual(['webgl']);
  });

  it('picks the fastest, and a GPU within 10 % of it for the tie', () => {
    expect(pickWinner([measured('wasm', 20), measured('cpu', 230)])).toBe('wasm');
    expect(pickWinner([measured('webgl', 21.9), measured('wasm', 20)])).toBe('webgl');
    expect(pickWinner([measured('webgl', 22.1), measured('wasm', 20)])).toBe('wasm');
    expect(pickWinner([measured('webgpu', 21), measured('webgl', 20.5), measured('wasm', 20)])).toBe('webgl');
    // An engine cut short never wins, however its partial figure looks.
    expect(pickWinner([{ engine: 'cpu', status: 'cut-short', msPerStep: 1, note: '', threads: null }, measured('wasm', 20)])).toBe('wasm');
    expect(pickWinner([])).toBeNull();
  });

  it('cuts an engine short when its warm-up or its steps are clearly slower than the best so far', () => {
    expect(cutShort('webgl', 'warm-up', 5000, null)).toBeNull();
    // A GPU compiles shaders in its first steps: room up to the floor, or 20× the best.
    expect(cutShort('webgl', 'warm-up', RACE.gpuWarmupFloorMs, 10)).toBeNull();
    expect(cutShort('webgl', 'warm-up', RACE.gpuWarmupFloorMs + 1, 10)).toMatch(/^a warm-up step took 1501 ms/);
    expect(cutShort('webgpu', 'warm-up', 3900, 200)).toBeNull();
    // A CPU engine has nothing to compile: 5× the best.
    expect(cutShort('cpu', 'warm-up', 100, 20)).toBeNull();
    expect(cutShort('cpu', 'warm-up', 101, 20)).toMatch(/^a warm-up step took 101 ms/);
    expect(cutShort('cpu', 'steps', 60, 20)).toBeNull();
    expect(cutShort('wasm', 'steps', 61, 20)).toBe('61.0 ms a step, over 3× the fastest (20.0 ms)');
  });

  it('keeps a race only for the build, browser and device it ran on', () => {
    const context = { build: '/assets/ml.worker-abc.js', browser: 'Chromium 150', cores: 2, devices: ['webgl: SwiftShader'] };
    expect(raceKey(context)).toBe(raceKey({ ...context }));
    for (const change of [
      { build: '/assets/ml.worker-def.js' },
      { browser: 'Chromium 151' },
      { cores: 8 },
      { devices: ['webgl: ANGLE (NVIDIA)'] },
    ]) {
      expect(raceKey({ ...context, ...change })).not.toBe(raceKey(context));
    }
  });

  it('keeps the thread count of the fastest wasm run, fewer threads unless more win by 15 %', () => {
    expect(fastestWasmThreads([measured('wasm', 37, 2), measured('wasm', 31, 1), measured('cpu', 300)])).toBe(1);
    expect(fastestWasmThreads([measured('wasm', 17, 8), measured('wasm', 31, 1)])).toBe(8);
    expect(fastestWasmThreads([measured('wasm', 12.5, 2), measured('wasm', 14.3, 1)])).toBe(1);
    expect(fastestWasmThreads([measured('wasm', 12, 2), measured('wasm', 14.3, 1)])).toBe(2);
    expect(fastestWasmThreads([measured('wasm', 10, 8), measured('wasm', 11, 4), measured('wasm', 20, 1)])).toBe(4);
    expect(fastestWasmThreads([measured('cpu', 300)])).toBeNull();
    expect(pickWinner([measured('wasm', 37, 2), measured('wasm', 31, 1), measured('cpu', 300)])).toBe('wasm');
  });

  it('takes the median of the timed steps', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('wasm threads', () => {
  it('times one thread and every core, and on more than 4 cores half of them; a count asked for alone', () => {
    expect(threadCandidates(2, null)).toEqual([1, 2]);
    expect(threadCandidates(4, null)).toEqual([1, 4]);
    expect(threadCandidates(6, null)).toEqual([1, 3, 6]);
    expect(threadCandidates(16, null)).toEqual([1, 4, 8]);
    expect(threadCandidates(1, null)).toEqual([1]);
    expect(threadCandidates(0, null)).toEqual([1]);
    expect(threadCandidates(8, 3)).toEqual([3]);
    expect(threadCandidates(2, 64)).toEqual([2]);
  });

  it('times the pool that exists first, then the others fewest first', () => {
    expect(threadOrder([1, 2], 1)).toEqual([1, 2]);
    expect(threadOrder([1, 2], 2)).toEqual([2, 1]);
    expect(threadOrder([1, 4, 8], 4)).toEqual([4, 1, 8]);
    expect(threadOrder([3], 2)).toEqual([3]);
  });

  it('asks Emscripten for enough pthread workers for a first race, never fewer than its 8', () => {
    expect(pthreadWorkersFor(2)).toBe(8);
    expect(pthreadWorkersFor(4)).toBe(8);
    // 1, 3 and 6 threads: pools of 2 and 5 workers, one thread again, and the winner's pool made again.
    expect(pthreadWorkersFor(6)).toBe(2 + 5 + 5);
    expect(pthreadWorkersFor(16)).toBe(3 + 7 + 7);
  });

  const race = (measures: EngineMeasure[]): RaceReport => ({
    measures,
    measuredAt: '2026-12-01T10:00:00.000Z',
    seconds: 1,
    winner: pickWinner(measures),
    wasmThreads: fastestWasmThreads(measures),
    network: 'c8-p-d0.2-c16-p-d0.2-f-h100-d0.5',
    multiplyAdds: 229_064,
  });

  it('races again for a network that costs over four times more or less than the one raced', () => {
    const notebook = multiplyAdds(planOf(NOTEBOOK_NETWORK));
    expect(notebook).toBe(229_064);
    const raced = { multiplyAdds: notebook };
    expect(needsRerace(raced, multiplyAdds(planOf(parseNet('c6k5s.tanh-p-c16k5.tanh-p-f-h120.tanh-h84.tanh'))))).toBe(false);
    expect(needsRerace(raced, multiplyAdds(planOf(parseNet('f-h32'))))).toBe(true);
    expect(needsRerace(raced, multiplyAdds(planOf(parseNet('c32-p-d0.25-c64-p-d0.25-f-h128-d0.5'))))).toBe(true);
    expect(needsRerace(raced, notebook * 4)).toBe(false);
    expect(needsRerace(raced, notebook / 4)).toBe(false);
  });

  it('keeps one thread where one is faster, and says so with both figures', () => {
    const report = race([measured('wasm', 23.6, 2), measured('wasm', 20.5, 1), measured('cpu', 230)]);
    expect(report.wasmThreads).toBe(1);
    expect(threadsSummary(report)).toBe('1 thread: 20.5 ms/step · 2 threads: 23.6 ms/step → 1 thread');
    expect(measuredFigures(report)).toEqual({ 'wasm@1': 20.5, 'wasm@2': 23.6, wasm: 20.5, cpu: 230 });
  });

  it('names a count that was cut short, and has no summary when one count was timed', () => {
    const cut: EngineMeasure = { engine: 'wasm', status: 'cut-short', msPerStep: 90, note: 'slow', threads: 1 };
    const report = race([measured('wasm', 14, 2), cut]);
    expect(threadsSummary(report)).toBe('1 thread: cut short · 2 threads: 14.0 ms/step → 2 threads');
    expect(measuredFigures(report)).toEqual({ 'wasm@1': null, 'wasm@2': 14, wasm: 14 });
    expect(threadsSummary(race([measured('wasm', 14, 2)]))).toBeNull();
  });
});
