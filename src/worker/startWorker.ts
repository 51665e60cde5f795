import type { FromWorker, ToWorker } from './protocol';
import { MlWorker, type WorkerOptions } from './router';

declare const self: DedicatedWorkerGlobalScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/**
 * Starts the worker's parts and routes the page's messages to them. The worker holds
 * a Web Lock (named by its `name`) until it dies, however it dies: the page waits on
 * the same lock to notice. Web Locks exist only in secure contexts; elsewhere (plain
 * http on a LAN address) nobody watches.
 */
export function startWorker(options: WorkerOptions = {}): MlWorker {
  if ('locks' in navigator) {
    void navigator.locks.request(self.name, () => {
      post({ type: 'alive' });
      return new Promise<never>(() => undefined);
    });
  }
  const worker = new MlWorker(post, options);
  self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
    worker.handle(event.data);
  });
  return worker;
}
