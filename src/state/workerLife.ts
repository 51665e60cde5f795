import type { FromWorker, Snapshot, ToWorker } from '../worker/protocol';

/** What the page needs of a worker: a way to send, and a way to end it. */
export interface WorkerPort {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  terminate(): void;
}

export interface WorkerEvents {
  message(message: FromWorker): void;
  /** An error the worker did not handle, or a script that failed to load. */
  error(message: string): void;
}

/** Starts a worker under a unique `name` (its life lock's name too). */
export type SpawnWorker = (name: string, events: WorkerEvents) => WorkerPort;

/** Calls onGone once the worker holding the lock `name` is dead, however it died. */
export type WatchLife = (name: string, onGone: () => void) => void;

/** The worker's messages that the page's other parts act on; the life ones stay here. */
export type WorkerNews = Exclude<FromWorker, { type: 'alive' } | { type: 'snapshot' }>;

export interface WorkerLifeOptions {
  readonly spawn: SpawnWorker;
  readonly watch: WatchLife;
  readonly now?: () => number;
  readonly onMessage: (message: WorkerNews) => void;
  readonly onError: (message: string) => void;
  /** A new worker took a dead one's place: it must be given the data and the last good weights. */
  readonly onRestart: (snapshot: Snapshot | null) => void;
  /** The worker kept dying, and no new one was started. */
  readonly onGiveUp: (message: string) => void;
}

/** Restarts beyond this many in a minute mean something keeps killing the worker: stop trying. */
export const MAX_RESTARTS_PER_MINUTE = 3;

/**
 * The ML worker's life, seen from the page: it is started, noticed when it dies (it
 * holds a lock for its whole life), and replaced, with a copy of the last good weights
 * that the page keeps because they must outlive the worker.
 */
export class WorkerLife {
  private current: { readonly name: string; readonly port: WorkerPort };
  private snapshot: Snapshot | null = null;
  private restarts: number[] = [];
  private gaveUp = false;

  constructor(private readonly options: WorkerLifeOptions) {
    this.current = this.spawn();
  }

  send(message: ToWorker, transfer: Transferable[] = []): void {
    if (!this.gaveUp) this.current.port.postMessage(message, transfer);
  }

  private spawn(): { name: string; port: WorkerPort } {
    const name = `mnist-ml-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const port = this.options.spawn(name, {
      message: (message) => {
        if (name === this.current.name) this.receive(name, message);
      },
      error: (message) => {
        if (name === this.current.name) this.options.onError(message);
      },
    });
    return { name, port };
  }

  private receive(name: string, message: FromWorker): void {
    if (message.type === 'alive') {
      this.options.watch(name, () => {
        this.died(name);
      });
    } else if (message.type === 'snapshot') {
      this.snapshot = message.snapshot;
    } else {
      this.options.onMessage(message);
    }
  }

  private died(name: string): void {
    if (name !== this.current.name || this.gaveUp) return;
    this.current.port.terminate();
    const now = (this.options.now ?? Date.now)();
    this.restarts = [...this.restarts.filter((at) => now - at < 60_000), now];
    if (this.restarts.length > MAX_RESTARTS_PER_MINUTE) {
      this.gaveUp = true;
      this.options.onGiveUp('The background worker keeps stopping, so it was not restarted again. Reload the page to try once more.');
      return;
    }
    this.current = this.spawn();
    this.options.onRestart(this.snapshot);
  }
}
