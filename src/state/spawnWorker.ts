import type { FromWorker } from '../worker/protocol';
import type { SpawnWorker, WatchLife, WorkerEvents } from './workerLife';

/** Starts the app's ML worker (a module worker from the page's own origin). */
export const spawnMlWorker: SpawnWorker = (name, events) => {
  const worker = new Worker(new URL('../worker/ml.worker.ts', import.meta.url), { type: 'module', name });
  listen(worker, events);
  return worker;
};

/** Hands a worker's messages and unhandled errors to `events`. */
export function listen(worker: Worker, events: WorkerEvents): void {
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    events.message(event.data);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    events.error(event.message || 'unknown error');
  });
}

/**
 * The worker holds a Web Lock named after it for its whole life, so the page's request
 * for the same lock is granted only when that life ends (a crash, the browser reclaiming
 * memory, close()). Without Web Locks (not a secure context) nobody watches.
 */
export const watchByLock: WatchLife = (name, onGone) => {
  if (!('locks' in navigator)) return;
  void navigator.locks.request(name, () => {
    onGone();
  });
};
