import { offlineStore } from './offline';

/** How often a page left open asks the server for a new version. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** Follows `navigator.onLine`: false means no network at all (true can still mean a dead one). */
function followConnection(): void {
  const update = (): void => {
    offlineStore.setState({ online: navigator.onLine });
  };
  update();
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}

function unsupported(reason: string): void {
  offlineStore.setState({ copy: 'unsupported', reason });
}

/**
 * Registers the service worker of a build (src/sw/sw.ts) and reports on it in `offlineStore`.
 * The dev server has none, so an edit is never hidden behind a cached copy. A new version
 * waits for the person's Reload (`updateReady`); the page never reloads by itself.
 */
export async function startOffline(): Promise<void> {
  followConnection();
  if (!import.meta.env.PROD) {
    unsupported('The development server keeps no offline copy.');
    return;
  }
  if (!('serviceWorker' in navigator)) {
    unsupported('This browser cannot keep an offline copy.');
    return;
  }
  const { registerSW } = await import('virtual:pwa-register');
  // Set by this page's Reload; the new version may also take over because another tab's Reload
  // asked for it, and then this page waits for its own person (it may be training).
  let asked = false;
  let takenOver = false;
  const updateServiceWorker = registerSW({
    immediate: true,
    onNeedReload: () => {
      if (asked) window.location.reload();
      else takenOver = true;
    },
    // The first install has put every file in the cache.
    onOfflineReady: () => {
      offlineStore.setState({ copy: 'ready' });
    },
    onNeedRefresh: () => {
      offlineStore.setState({ updateReady: true });
    },
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      // A worker already active: this visit came from the offline copy a former one made.
      if (registration.active) offlineStore.setState({ copy: 'ready' });
      setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onRegisterError: () => {
      unsupported('This browser refused to keep an offline copy.');
    },
  });
  offlineStore.setState({
    applyUpdate: () => {
      asked = true;
      if (takenOver) window.location.reload();
      else void updateServiceWorker(true);
    },
  });
}
