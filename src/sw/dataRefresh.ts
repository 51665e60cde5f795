import { cacheNames } from 'workbox-core';
import { getCacheKeyForURL } from 'workbox-precaching';

/** The dataset's files: precached, and checked by the ML worker against the manifest's checksums. */
export function isDataRequest(url: URL, request: Request, origin: string): boolean {
  return url.origin === origin && url.pathname.includes('/data/') && request.cache === 'reload';
}

/**
 * A dataset file asked for with `cache: 'reload'`: the worker does that on Retry after a failed
 * load, since a copy from the cache may be the corrupt one. The network answers when it can, and
 * a good answer replaces the precached copy, so the next offline visit gets it; offline, the cached
 * copy is all there is, and the worker's checksum says whether it will do.
 */
export async function refreshData(request: Request): Promise<Response> {
  const key = getCacheKeyForURL(request.url);
  try {
    const response = await fetch(request);
    if (response.ok && key) {
      const cache = await caches.open(cacheNames.precache);
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    const cached = key ? await caches.match(key, { cacheName: cacheNames.precache }) : undefined;
    if (cached) return cached;
    throw error;
  }
}
