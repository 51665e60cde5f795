import type { BackendName, BackendProbe, WasmKernels } from '../../ml/engines/backend';
import { errorMessage } from '../../ml/errors';
import { needsRerace, raceKey, type RaceReport } from '../../ml/engines/race';
import { netText } from '../../ml/network/netText';
import { multiplyAdds, planOf } from '../../ml/network/plan';
import { GpuHealth } from './gpuHealth';
import type { NetworkConfig } from '../../ml/network/network';
import type { Post, Snapshot } from '../protocol';
import { keepWorkingCopy } from '../storage/workingCopies';
import { configureWasmKernels, configureWasmThreads, everyCore, useWasmThreads } from './wasmSetup';
import { bestBackendBesides, probeAll, selectBackend } from './selectBackend';
import { raceEngines } from './race';
import { cachedRace, keepRace } from './raceCache';
import { ModelSession } from '../training/session';

export interface StartOptions {
  /** The engine the person asked for, or null for the race's winner. */
  readonly requested: BackendName | null;
  readonly seed: number;
  /** The network of a fresh model. */
  readonly network: NetworkConfig;
  /** Weights to start from (a restarted worker's). */
  readonly restore: Snapshot | null;
  /** wasm threads asked for in the URL, or null for every core. */
  readonly threads: number | null;
  /** The app's kernels on wasm: SIMD, or JavaScript alone (the bench's comparison). */
  readonly kernels: WasmKernels;
  /** The page's tab, whose slot keeps the last good weights. */
  readonly tab: string;
  /** Resolves when the worker has nothing else to do (the dataset decoded), so a race times only itself. */
  readonly quiet: () => Promise<void>;
}

/** The backend the model runs on: started once, and moved to another when its GPU goes away. */
export class Engine {
  readonly gpu = new GpuHealth();
  private race: RaceReport | null = null;
  private quiet: () => Promise<void> = () => Promise.resolve();
  private threads: number | null = null;
  private kernels: WasmKernels = 'simd';
  /** The engine the person asked for (null: the race's winner): a network of another cost does not move it. */
  private requested: BackendName | null = null;
  private started: Promise<ModelSession | null> | null = null;

  constructor(private readonly post: Post) {}

  /** The session once a backend runs it; null if none could be started. */
  session(): Promise<ModelSession | null> {
    return this.started ?? Promise.resolve(null);
  }

  /**
   * Starts the requested backend (else the fastest) with a fresh model, or the one in
   * `restore`. Only the first call starts anything; later ones get the same session.
   */
  start(options: StartOptions): Promise<ModelSession | null> {
    this.started ??= this.open(options);
    return this.started;
  }

  private async open({ requested, seed, network, restore, threads, kernels, tab, quiet }: StartOptions): Promise<ModelSession | null> {
    try {
      configureWasmThreads(threads);
      configureWasmKernels(kernels);
      this.threads = threads;
      this.kernels = kernels;
      this.quiet = quiet;
      this.requested = requested;
      const probes = await probeAll();
      // The network a fresh page starts with is what the race times (a restored one is usually the same).
      this.race = await this.measure(false, probes, restore?.record.network ?? network);
      await this.activate(requested, probes);
      const session = new ModelSession(this.post, seed, this.gpu, (snapshot) => keepWorkingCopy(tab, snapshot), network);
      if (restore) await session.restore(restore);
      else await session.announce();
      return session;
    } catch (error) {
      this.post({ type: 'backend-failed', message: `No way to run the network was found: ${errorMessage(error)}.` });
      return null;
    }
  }

  /** Moves the last good weights onto another backend after the GPU went away; false if that failed (and was posted). */
  async moveTo(session: ModelSession, backend: BackendName): Promise<boolean> {
    const snapshot = session.lastGood;
    if (!snapshot || session.busy) return false;
    try {
      await this.activate(backend);
      await session.restore(snapshot);
      return true;
    } catch (error) {
      this.post({ type: 'backend-failed', message: `Switching to another backend failed: ${errorMessage(error)}.` });
      return false;
    }
  }

  /**
   * Moves the current weights to the backend the person chose (null: the fastest), with a
   * fresh optimiser, as after a lost GPU; nothing happens while training or if it is already in use.
   */
  async useBackend(session: ModelSession, requested: BackendName | null): Promise<void> {
    if (session.busy || (requested !== null && requested === this.gpu.watched)) return;
    this.requested = requested;
    try {
      const snapshot = { checkpoint: await session.checkpoint(), trained: session.trained, record: session.record };
      await this.activate(requested);
      await session.restore(snapshot);
    } catch (error) {
      this.post({ type: 'backend-failed', message: `Switching to another backend failed: ${errorMessage(error)}.` });
    }
  }

  /** Tells the page the GPU is gone and which backend it could go on with. */
  async reportLost(message: string, epochsDone: number): Promise<void> {
    this.post({ type: 'backend-lost', message, epochsDone, fallback: await bestBackendBesides(this.gpu.watched) });
  }

  /**
   * Races the engines again (the person asked), then goes back to the requested engine,
   * or the new winner, with the current weights and a fresh optimiser.
   */
  async remeasure(session: ModelSession, requested: BackendName | null): Promise<void> {
    if (session.busy) return;
    this.requested = requested;
    try {
      const snapshot = { checkpoint: await session.checkpoint(), trained: session.trained, record: session.record };
      const probes = await probeAll();
      this.race = await this.measure(true, probes, session.network);
      await this.activate(requested, probes);
      await session.restore(snapshot);
    } catch (error) {
      this.post({ type: 'backend-failed', message: `Measuring the engines failed: ${errorMessage(error)}.` });
    }
  }

  /**
   * Before a network trains that costs far more or less than the one raced (RERACE_RATIO), the
   * engines are raced on it (or its cached race taken), and the winner takes the model: unless
   * the person chose the engine. Nothing happens while training.
   */
  async fitNetwork(session: ModelSession, network: NetworkConfig): Promise<void> {
    const race = this.race;
    if (session.busy || this.requested !== null || !race || !needsRerace(race, multiplyAdds(planOf(network)))) return;
    try {
      const snapshot = { checkpoint: await session.checkpoint(), trained: session.trained, record: session.record };
      const before = this.gpu.watched;
      const probes = await probeAll();
      this.race = (await this.measure(false, probes, network)) ?? race;
      await this.activate(null, probes);
      if (this.gpu.watched !== before) await session.restore(snapshot);
    } catch (error) {
      this.post({ type: 'backend-failed', message: `Measuring the engines for this network failed: ${errorMessage(error)}.` });
    }
  }

  /** The engines' race on this device: the cached one if it fits this build, browser and device (unless `again`), else a new one. */
  private async measure(again: boolean, probes: readonly BackendProbe[], network: NetworkConfig): Promise<RaceReport | null> {
    const key = raceKey({
      build: self.location.pathname,
      browser: navigator.userAgent,
      cores: navigator.hardwareConcurrency || 1,
      devices: [
        ...probes.map((probe) => `${probe.name}: ${probe.available ? probe.detail : 'unavailable'}`),
        `wasm threads: ${this.threads ?? 'every core'}`,
        `wasm kernels: ${this.kernels}`,
      ],
    });
    if (!again) {
      const cached = await cachedRace(key, netText(network)).catch(() => null);
      if (cached) return cached;
    }
    this.post({ type: 'engines-measuring' });
    try {
      // The race times steps on this thread: nothing else may run meanwhile.
      const report = await raceEngines(probes, this.quiet, again, this.threads, network);
      // Not kept (storage refused or full) only means the next visit races again.
      await keepRace(key, report).catch(() => undefined);
      return report;
    } catch {
      // The constants order the engines instead.
      return null;
    }
  }

  private async activate(requested: BackendName | null, known?: readonly BackendProbe[]): Promise<void> {
    // The race's thread count (every core when wasm was not timed), set before wasm's first step, or before it
    // starts at all when the race was cached.
    if (this.threads === null) await useWasmThreads(this.race?.wasmThreads ?? everyCore());
    const backend = await selectBackend(requested, known ?? (await probeAll()), this.race);
    this.gpu.watch(backend.name);
    this.post({ type: 'backend-ready', backend });
  }
}
