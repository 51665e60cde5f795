import { describe, expect, it } from 'vitest';
import { checkCopy, isCopyRequest, repairCopy, type PrecacheView } from './copyCheck';

function view(cached: string[], failing: string[] = []): PrecacheView & { cache: Map<string, string> } {
  const cache = new Map(cached.map((key) => [key, 'old']));
  const entries = ['a', 'b', 'c'].map((name) => ({
    url: `https://app.test/${name}.js`,
    key: `https://app.test/${name}.js?__WB_REVISION__=1`,
  }));
  return {
    cache,
    entries,
    has: (key) => Promise.resolve(cache.has(key)),
    put: async (key, response) => {
      cache.set(key, await response.text());
    },
    fetch: (url) =>
      Promise.resolve(failing.some((name) => url.includes(name)) ? new Response('', { status: 503 }) : new Response(`fresh ${url}`)),
  };
}

describe('the offline copy', () => {
  it('counts the entries the cache lacks', async () => {
    expect(await checkCopy(view(['https://app.test/a.js?__WB_REVISION__=1']))).toEqual({ total: 3, missing: 2, error: null });
  });

  it('fetches only what is missing into the cache keys Workbox reads', async () => {
    const copy = view(['https://app.test/a.js?__WB_REVISION__=1']);
    expect(await repairCopy(copy)).toEqual({ total: 3, missing: 0, error: null });
    expect(copy.cache.get('https://app.test/a.js?__WB_REVISION__=1')).toBe('old');
    expect(copy.cache.get('https://app.test/c.js?__WB_REVISION__=1')).toBe('fresh https://app.test/c.js');
    expect(await checkCopy(copy)).toMatchObject({ missing: 0 });
  });

  it('says how much is still missing when the network fails part-way', async () => {
    expect(await repairCopy(view([], ['b']))).toEqual({ total: 3, missing: 2, error: '/b.js answered 503' });
  });

  it('answers only its own two messages', () => {
    expect(isCopyRequest({ type: 'CHECK_COPY' })).toBe(true);
    expect(isCopyRequest({ type: 'SKIP_WAITING' })).toBe(false);
    expect(isCopyRequest('CHECK_COPY')).toBe(false);
  });
});
