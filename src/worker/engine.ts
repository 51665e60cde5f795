import type { BackendName } from '../ml/backend';
import { errorMessage } from '../ml/errors';
import { GpuHealth } from './gpuHealth';
import type { Post } from './protocol';
import { keepWorkingCopy } from './modelStore';
import { bestBackendBesides, selectBackend } from './selectBackend';
import { ModelSession, type Snapshot } from './session';

/** The backend the model runs on: started once, and moved to another when its GPU goes away. */
export class Engine {
  readonly gpu = new GpuHealth();
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
  start(requested: BackendName | null, seed: number, restore: Snapshot | null): Promise<ModelSession | null> {
    this.started ??= this.open(requested, seed, restore);
    return this.started;
  }

  private async open(requested: BackendName | null, seed: number, restore: Snapshot | null): Promise<ModelSession | null> {
    try {
      await this.activate(requested);
      const session = new ModelSession(this.post, seed, this.gpu, keepWorkingCopy);
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

  private async activate(requested: BackendName | null): Promise<void> {
    const backend = await selectBackend(requested);
    this.gpu.watch(backend.name);
    this.post({ type: 'backend-ready', backend });
  }
}
