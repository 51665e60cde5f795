import { pageHeaders } from '../../scripts/lib/csp';

/** Responses that start a page or a worker: their headers decide isolation and the policy. */
const GOVERNS = /^(text\/html|text\/javascript|application\/javascript)\b/;

/**
 * The response with every page header it lacks put back, from the same source as the server's
 * (scripts/lib/csp.ts). A response that already has a header keeps its own value: the server is
 * the authority, this only covers a cached copy that lost it (or a host that never sent it).
 * Anything else (images, data, wasm) is returned untouched.
 */
export function withPageHeaders(response: Response): Response {
  if (response.type === 'opaque' || !GOVERNS.test(response.headers.get('Content-Type') ?? '')) return response;
  const missing = Object.entries(pageHeaders(false)).filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
