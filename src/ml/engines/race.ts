import { rankBackends, type BackendName, type BackendProbe } from './backend';

/**
 * Choosing the engine by racing it: real training steps of this network on every engine
 * the visitor's device offers, timed there, the fastest kept. Pure rules; the worker times.
 */
export type MeasureStatus = 'measured' | 'cut-short' | 'not-raced' | 'software' | 'unavailable' | 'failed';

export interface EngineMeasure {
  readonly engine: BackendName;
  readonly status: MeasureStatus;
  /** Median of the timed steps (for a cut-short engine, of those it ran, if any). */
  readonly msPerStep: number | null;
  /** Why it was not raced or not finished, or the device it ran on. */
  readonly note: string;
  /** wasm: the XNNPACK threads it ran with (every core and one are raced, on more than 4 cores a count between too). */
  readonly threads: number | null;
}

export interface RaceReport {
  readonly measures: readonly EngineMeasure[];
  /** ISO 8601. */
  readonly measuredAt: string;
  /** How long the race took, in seconds. */
  readonly seconds: number;
  readonly winner: BackendName | null;
  /** The thread count of the fastest wasm entry: wasm runs with it, now and whenever it starts later. */
  readonly wasmThreads: number | null;
  /** The network whose steps were timed (`net` text), and its multiply-adds per image. */
  readonly network: string;
  readonly multiplyAdds: number;
}

/**
 * A network that costs this many times more or less than the one raced races again before it
 * trains: engines do not scale alike (a GPU's fixed cost per step dwarfs a tiny network's work).
 */
export const RERACE_RATIO = 4;

/** Whether a network of `multiplyAdds` per image is far enough from the raced one to race again. */
export function needsRerace(race: Pick<RaceReport, 'multiplyAdds'>, multiplyAdds: number): boolean {
  const ratio = multiplyAdds / race.multiplyAdds;
  return !(ratio <= RERACE_RATIO && ratio >= 1 / RERACE_RATIO);
}

export const RACE = {
  /**
   * Steps not timed: shaders compile (GPUs) and caches warm up. With one on wasm, the thread count
   * timed first came out 5–12 ms a step slower than the same count timed second.
   */
  warmupSteps: { gpu: 2, cpu: 3 },
  /** The median of this many steps is an engine's figure. */
  timedSteps: 5,
  batchSize: 128,
  /** A GPU engine within this share of the fastest wins: it leaves the CPU to the page. */
  gpuTie: 0.1,
  /**
   * More wasm threads must beat fewer by this share to be chosen: a pool waits for its slowest
   * thread, and during training the page needs a core too (timed alone, two threads on a 2-core
   * EPYC won by 13 %; in training, with the page drawing, they lost by 9 % to 58 %).
   */
  threadTie: 0.15,
  /**
   * A warm-up step this many times slower than the best engine's steps ends that
   * engine's race; a GPU's first steps compile shaders, so it gets more room, and a floor.
   */
  warmupFactor: { gpu: 20, cpu: 5 },
  gpuWarmupFloorMs: 1500,
  /** Timed steps this many times slower than the best engine's end it too. */
  stepFactor: 3,
} as const;

const GPU: ReadonlySet<BackendName> = new Set(['webgpu', 'webgl']);

export const isGpu = (engine: BackendName): boolean => GPU.has(engine);

/**
 * The engines to race, in the order to race them (the expected fastest first, so the
 * budget cuts the slow ones short), and what the others get said about them. Software
 * GPUs are raced only when nothing else can run.
 */
export function raceOrder(probes: readonly BackendProbe[]): { contenders: BackendProbe[]; skipped: EngineMeasure[] } {
  const available = rankBackends(probes);
  const hardware = available.filter((probe) => !probe.software);
  const contenders = hardware.length > 0 ? hardware : available;
  const skipped = probes
    .filter((probe) => !contenders.includes(probe))
    .map((probe): EngineMeasure => ({
      engine: probe.name,
      status: probe.available ? 'software' : 'unavailable',
      msPerStep: null,
      note: probe.available ? `software (${probe.detail}), while a faster kind of engine is here` : probe.detail,
      threads: null,
    }));
  return { contenders, skipped };
}

type Finished = EngineMeasure & { msPerStep: number };

const finishedOf = (measures: readonly EngineMeasure[]): Finished[] =>
  measures.filter((measure): measure is Finished => measure.status === 'measured' && measure.msPerStep !== null);

/**
 * The thread counts worth timing wasm with, fewest first: the count asked for alone (the URL's
 * `threads`, as far as the cores go), else one and every core, and on more than 4 cores half of them too. Past
 * XNNPACK's cap of 8 threads in tfjs, more cannot run.
 */
export function threadCandidates(cores: number, forced: number | null): number[] {
  const all = Math.max(1, Math.min(Math.floor(cores), MAX_WASM_THREADS));
  // tfjs runs no more threads than cores (nor than its cap), whatever is asked.
  if (forced !== null) return [Math.max(1, Math.min(forced, all))];
  return [...new Set([1, ...(all > 4 ? [Math.round(all / 2)] : []), all])];
}

/** tfjs' wasm build caps XNNPACK's thread pool at this many threads. */
export const MAX_WASM_THREADS = 8;

/**
 * The order to time the candidates in: the count wasm runs with now first (its pool exists),
 * then the others fewest first, so the largest pool, the costliest to make, is made last.
 */
export function threadOrder(candidates: readonly number[], current: number): number[] {
  const rest = candidates.filter((count) => count !== current).sort((a, b) => a - b);
  return candidates.includes(current) ? [current, ...rest] : rest;
}

/**
 * Each XNNPACK pool of n threads takes n − 1 of Emscripten's pthread workers for good (tfjs
 * cannot free a pool), and a pool that needs more workers than are left hangs the worker. A
 * first race, started on one thread, makes a pool for each other candidate, times one thread
 * again (free), and makes the winner's pool again: this many workers, never fewer than tfjs' 8.
 */
export function pthreadWorkersFor(cores: number): number {
  const pools = threadCandidates(cores, null).filter((count) => count > 1);
  const made = pools.reduce((sum, count) => sum + count - 1, 0);
  const remade = Math.max(0, ...pools.map((count) => count - 1));
  return Math.max(8, made + remade);
}

const threadsText = (count: number): string => `${count} thread${count === 1 ? '' : 's'}`;

/** The wasm entries of a race that were timed, fewest threads first. */
function wasmTimings(measures: readonly EngineMeasure[]): (EngineMeasure & { threads: number })[] {
  return measures
    .filter((m): m is EngineMeasure & { threads: number } => m.engine === 'wasm' && m.threads !== null && m.status !== 'not-raced')
    .sort((a, b) => a.threads - b.threads);
}

/**
 * What the race found for wasm's threads, said in one line ("1 thread: 20.5 ms/step ·
 * 2 threads: 23.6 → 1 thread"), or null when only one count was timed.
 */
export function threadsSummary(race: RaceReport): string | null {
  const timed = wasmTimings(race.measures);
  if (timed.length < 2 || race.wasmThreads === null) return null;
  const figures = timed.map(
    (m) =>
      `${threadsText(m.threads)}: ${m.status === 'measured' && m.msPerStep !== null ? `${m.msPerStep.toFixed(1)} ms/step` : m.status.replace('-', ' ')}`,
  );
  return `${figures.join(' · ')} → ${threadsText(race.wasmThreads)}`;
}

/**
 * Each engine's figure for scripts (`data-measured`): ms/step, null when cut short; for wasm one
 * key per thread count (`wasm@1`, `wasm@2`), and `wasm` the figure of the count it runs with.
 */
export function measuredFigures(race: RaceReport): Record<string, number | null> {
  const raced = race.measures.filter((m) => m.status === 'measured' || m.status === 'cut-short');
  const figure = (m: EngineMeasure): number | null => (m.status === 'measured' ? m.msPerStep : null);
  const figures: Record<string, number | null> = {};
  for (const m of raced) {
    if (m.engine === 'wasm' && m.threads !== null) figures[`wasm@${m.threads}`] = figure(m);
    else figures[m.engine] = figure(m);
  }
  const wasm = raced.filter((m) => m.engine === 'wasm');
  const chosen = wasm.find((m) => m.threads === race.wasmThreads) ?? wasm[0];
  if (chosen) figures.wasm = figure(chosen);
  return figures;
}

/** The thread count to run wasm with: the fewest threads within RACE.threadTie of the fastest count. */
export function fastestWasmThreads(measures: readonly EngineMeasure[]): number | null {
  const wasm = finishedOf(measures).filter((measure) => measure.engine === 'wasm');
  const best = Math.min(...wasm.map((measure) => measure.msPerStep));
  const chosen = wasm
    .filter((measure) => measure.msPerStep <= best * (1 + RACE.threadTie))
    .sort((a, b) => (a.threads ?? 0) - (b.threads ?? 0))[0];
  return chosen?.threads ?? null;
}

/** The fastest measured engine; a GPU engine within RACE.gpuTie of it takes its place. */
export function pickWinner(measures: readonly EngineMeasure[]): BackendName | null {
  const finished = finishedOf(measures);
  const fastest = finished.reduce<(typeof finished)[number] | null>((best, m) => (!best || m.msPerStep < best.msPerStep ? m : best), null);
  if (!fastest) return null;
  const gpu = finished
    .filter((measure) => GPU.has(measure.engine) && measure.msPerStep <= fastest.msPerStep * (1 + RACE.gpuTie))
    .sort((a, b) => a.msPerStep - b.msPerStep)[0];
  return (gpu ?? fastest).engine;
}

/** Why an engine's race ends early, or null to go on. `best` is the best finished engine's ms/step so far. */
export function cutShort(engine: BackendName, phase: 'warm-up' | 'steps', ms: number, best: number | null): string | null {
  if (best === null) return null;
  if (phase === 'warm-up') {
    const limit = isGpu(engine) ? Math.max(RACE.gpuWarmupFloorMs, RACE.warmupFactor.gpu * best) : RACE.warmupFactor.cpu * best;
    return ms > limit ? `a warm-up step took ${Math.round(ms)} ms, against ${best.toFixed(1)} ms a step for the fastest` : null;
  }
  return ms > RACE.stepFactor * best ? `${ms.toFixed(1)} ms a step, over ${RACE.stepFactor}× the fastest (${best.toFixed(1)} ms)` : null;
}

/** What a cached race is only good for: this build of the app, this browser, this device. */
export interface RaceContext {
  /** Changes with every build (the worker script's hashed name). */
  readonly build: string;
  readonly browser: string;
  readonly cores: number;
  /** The GPU adapter and renderer strings, and whatever else names the device. */
  readonly devices: readonly string[];
}

export function raceKey(context: RaceContext): string {
  return JSON.stringify([context.build, context.browser, context.cores, ...context.devices]);
}
