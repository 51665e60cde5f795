import { describe, expect, it } from 'vitest';
import { cspHeader } from '../../scripts/lib/csp';
import { withPageHeaders } from './pageHeaders';

const html = (headers: Record<string, string> = {}) =>
  new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html', ...headers } });

describe('withPageHeaders', () => {
  it('puts back the isolation and policy headers a cached page lost, keeping its body and status', async () => {
    const response = withPageHeaders(html());
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(response.headers.get('Content-Security-Policy')).toBe(cspHeader(false));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
  });

  it("keeps the server's own values, and returns a complete response as it is", () => {
    const complete = html({
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'credentialless',
      'Content-Security-Policy': "default-src 'none'",
    });
    expect(withPageHeaders(complete)).toBe(complete);
    const partial = withPageHeaders(html({ 'Content-Security-Policy': "default-src 'none'" }));
    expect(partial.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
    expect(partial.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
  });

  it('covers worker scripts, and leaves data, images and wasm untouched', () => {
    const script = withPageHeaders(new Response('', { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }));
    expect(script.headers.get('Content-Security-Policy')).toBe(cspHeader(false));
    for (const type of ['image/png', 'application/wasm', 'application/json', 'application/octet-stream']) {
      const other = new Response('', { headers: { 'Content-Type': type } });
      expect(withPageHeaders(other)).toBe(other);
    }
  });
});
