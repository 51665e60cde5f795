import type { CopyReport, CopyRequest } from '../sw/copyCheck';
import { offlineStore } from './offline';

/** An active worker of an earlier version does not answer: its copy is taken on trust, as it was then. */
const CHECK_PATIENCE_MS = 10_000;

function ask(worker: ServiceWorker, request: CopyRequest, patience: number | null): Promise<CopyReport | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = patience === null ? undefined : setTimeout(() => resolve(null), patience);
    channel.port1.onmessage = (event: MessageEvent<CopyReport>) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(request, [channel.port2]);
  });
}

function failed(reason: string): void {
  offlineStore.setState({ copy: 'failed', reason });
}

/**
 * Says "Ready offline" only once the active service worker finds every precached file in its
 * cache; a copy found short (a cleared cache) is fetched again, and one that cannot be (no
 * network) is named as such and tried again when the network comes back.
 */
export async function verifyCopy(worker: ServiceWorker, retryWhenOnline: (retry: () => void) => void): Promise<void> {
  const report = await ask(worker, { type: 'CHECK_COPY' }, CHECK_PATIENCE_MS);
  if (!report || report.missing === 0) {
    offlineStore.setState({ copy: 'ready', reason: '' });
    return;
  }
  offlineStore.setState({ copy: 'installing' });
  const repaired = await ask(worker, { type: 'REPAIR_COPY' }, null);
  if (repaired && repaired.missing === 0) {
    offlineStore.setState({ copy: 'ready', reason: '' });
    return;
  }
  const short = repaired ?? report;
  failed(
    `The offline copy lacks ${short.missing} of its ${short.total} files${short.error ? ` (${short.error})` : ''}: it is fetched again when the network is back.`,
  );
  retryWhenOnline(() => void verifyCopy(worker, retryWhenOnline));
}

/**
 * Follows a service worker being installed: one that becomes redundant while none is active
 * (the network went away during the first precache) leaves no copy at all, and the browser
 * drops its registration; it is registered again when the network is back.
 */
export function watchInstall(worker: ServiceWorker, registration: ServiceWorkerRegistration, again: () => void): void {
  worker.addEventListener('statechange', () => {
    if (worker.state === 'activated') void verifyCopy(worker, onceOnline);
    if (worker.state === 'redundant' && !registration.active) {
      failed(
        'The offline copy could not be saved: the network failed while it was being made. It is tried again when the network is back.',
      );
      onceOnline(again);
    }
  });
}

/** Runs `retry` at the next 'online' event, or in a minute if the network only seemed to be up. */
export function onceOnline(retry: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    window.removeEventListener('online', run);
    clearTimeout(timer);
    retry();
  };
  const timer = setTimeout(run, 60_000);
  window.addEventListener('online', run);
}
