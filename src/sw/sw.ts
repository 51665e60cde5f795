/**
 * The service worker: the app shell, the wasm files and the dataset, precached at install so a
 * second visit opens from the cache, online or not. It only ever answers requests for the page's
 * own origin, from the list the build made; anything else passes by untouched and is never cached.
 * Built by vite-plugin-pwa (injectManifest) into one self-contained script: no importScripts.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, addPlugins, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isDataRequest, refreshData } from './dataRefresh';
import { withPageHeaders } from './pageHeaders';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

// A new version waits until the page asks (the "Reload" of the update notice): never mid-training.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Registered first, so the precache route below does not answer these from the cache.
registerRoute(
  ({ url, request }) => isDataRequest(url, request, self.location.origin),
  ({ request }) => refreshData(request),
);

addPlugins([{ handlerWillRespond: ({ response }) => Promise.resolve(withPageHeaders(response)) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation to the app, with any query string (the settings live in the URL), gets the
// cached page. Workbox tests the allowlist against the path and the query string together.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/^\/(index\.html)?(\?|$)/] }));
