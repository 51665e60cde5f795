import { offlineStore } from './offline';
import { onceOnline, verifyCopy, watchInstall } from './offlineCopy';

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

/**
 * "Ready offline" once the cache is found whole: at once when a worker is active (it may be a
 * copy the browser has since cleared, which is then fetched again), else once the first install
 * has activated; an install that fails (no network) is registered again when the network is back.
 */
function follow(url: string, registration: ServiceWorkerRegistration): void {
  if (registration.active) {
    void verifyCopy(registration.active, onceOnline);
    return;
  }
  const pending = registration.installing ?? registration.waiting;
  if (!pending) return;
  watchInstall(pending, registration, () => {
    offlineStore.setState({ copy: 'installing', reason: '' });
    navigator.serviceWorker.register(url).then(
      (again) => {
        follow(url, again);
      },
      () => {
        unsupported('This browser refused to keep an offline copy.');
      },
    );
  });
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
    onNeedRefresh: () => {
      offlineStore.setState({ updateReady: true });
    },
    onRegisteredSW: (url, registration) => {
      if (!registration) return;
      follow(url, registration);
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
