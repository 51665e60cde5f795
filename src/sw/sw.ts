/**
 * The service worker: the app shell, the wasm files and the dataset, precached at install so a
 * second visit opens from the cache, online or not. It only ever answers requests for the page's
 * own origin, from the list the build made; anything else passes by untouched and is never cached.
 * Built by vite-plugin-pwa (injectManifest) into one self-contained script: no importScripts.
 */
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  addPlugins,
  getCacheKeyForURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { cacheNames } from 'workbox-core';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { checkCopy, isCopyRequest, repairCopy, type PrecacheView } from './copyCheck';
import { isDataRequest, refreshData } from './dataRefresh';
import { withPageHeaders } from './pageHeaders';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// A new version waits until the page asks (the "Reload" of the update notice): never mid-training.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') void self.skipWaiting();
});

const manifest = self.__WB_MANIFEST;

/** The precache as the copy check sees it: the build's list, under the keys Workbox stores. */
function precacheView(): PrecacheView {
  const entries = manifest.flatMap((entry) => {
    const url = new URL(typeof entry === 'string' ? entry : entry.url, self.location.href).href;
    const key = getCacheKeyForURL(url);
    return key ? [{ url, key }] : [];
  });
  const cache = caches.open(cacheNames.precache);
  return {
    entries,
    has: async (key) => (await (await cache).match(key)) !== undefined,
    put: async (key, response) => (await cache).put(key, response),
    fetch: (url) => fetch(url, { credentials: 'same-origin', cache: 'reload' }),
  };
}

// The page asks whether the copy is whole (a cleared cache is not), and to make it whole again.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  const [port] = event.ports;
  if (!isCopyRequest(data) || !port) return;
  const work = data.type === 'CHECK_COPY' ? checkCopy(precacheView()) : repairCopy(precacheView());
  event.waitUntil(work.then((report) => port.postMessage(report)));
});

// Registered first, so the precache route below does not answer these from the cache.
registerRoute(
  ({ url, request }) => isDataRequest(url, request, self.location.origin),
  ({ request }) => refreshData(request),
);

addPlugins([{ handlerWillRespond: ({ response }) => Promise.resolve(withPageHeaders(response)) }]);
precacheAndRoute(manifest);
cleanupOutdatedCaches();

// Every navigation to the app, with any query string (the settings live in the URL), gets the
// cached page. Workbox tests the allowlist against the path and the query string together.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/^\/(index\.html)?(\?|$)/] }));
