/**
 * Whether the offline copy is whole, and making it whole again. Workbox fills the precache only
 * at install, so a cache the browser (or the person) cleared since stays empty: the page asks
 * here, and a copy found short is refetched, entry by entry, into the same cache keys.
 */

/** What the page asks the service worker about its copy, over a MessageChannel port. */
export type CopyRequest = { readonly type: 'CHECK_COPY' } | { readonly type: 'REPAIR_COPY' };

/** The answer: how many precache entries there are and how many the cache lacks; `error` when a repair failed. */
export interface CopyReport {
  readonly total: number;
  readonly missing: number;
  readonly error: string | null;
}

export interface PrecacheView {
  /** Every precached URL with the cache key Workbox stores it under. */
  readonly entries: readonly { readonly url: string; readonly key: string }[];
  readonly has: (key: string) => Promise<boolean>;
  readonly put: (key: string, response: Response) => Promise<void>;
  readonly fetch: (url: string) => Promise<Response>;
}

export function isCopyRequest(data: unknown): data is CopyRequest {
  return typeof data === 'object' && data !== null && 'type' in data && (data.type === 'CHECK_COPY' || data.type === 'REPAIR_COPY');
}

async function missingKeys(view: PrecacheView): Promise<{ url: string; key: string }[]> {
  const present = await Promise.all(view.entries.map((entry) => view.has(entry.key)));
  return view.entries.filter((_, i) => !present[i]);
}

export async function checkCopy(view: PrecacheView): Promise<CopyReport> {
  return { total: view.entries.length, missing: (await missingKeys(view)).length, error: null };
}

/** Fetches what the cache lacks, one file at a time (the dataset's are megabytes); stops at the first failure. */
export async function repairCopy(view: PrecacheView): Promise<CopyReport> {
  const missing = await missingKeys(view);
  let repaired = 0;
  try {
    for (const { url, key } of missing) {
      const response = await view.fetch(url);
      if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
      await view.put(key, response);
      repaired++;
    }
    return { total: view.entries.length, missing: 0, error: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { total: view.entries.length, missing: missing.length - repaired, error: reason };
  }
}
