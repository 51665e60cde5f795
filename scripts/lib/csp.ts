/**
 * The page's Content-Security-Policy. Everything comes from the page's own origin:
 * no eval (vega runs through its expression interpreter), no inline scripts, and
 * WebAssembly compilation is the one exception scripts get.
 */

/**
 * tfjs-vis's CSS-in-JS (glamor) adds an empty <style> and fills it through CSSOM, which a
 * policy does not govern. This hash, of the empty string, admits that element and no inline CSS.
 */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

function directives(dev: boolean): [string, string][] {
  return [
    ['default-src', "'self'"],
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['worker-src', "'self'"],
    // The dev server injects each CSS module as a <style> with its text, to swap it on edit.
    ['style-src', dev ? "'self' 'unsafe-inline'" : `'self' ${EMPTY_STYLE_HASH}`],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
}

/** Only honoured as an HTTP header; a <meta> policy that names them gets a console warning. */
const HEADER_ONLY = new Set(['frame-ancestors']);

export function cspHeader(dev: boolean): string {
  return directives(dev)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

export function cspMeta(dev: boolean): string {
  return directives(dev)
    .filter(([name]) => !HEADER_ONLY.has(name))
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * Every header the page needs from its server: cross-origin isolation makes `crossOriginIsolated`
 * true (SharedArrayBuffer for wasm threads, precise memory measurement), and the policy header
 * covers the workers too, since a worker's policy comes with its own script's response. The dev
 * server and `vite preview` send these, and the service worker puts back any that a cached
 * response lacks (src/sw/pageHeaders.ts).
 */
export function pageHeaders(dev: boolean): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Content-Security-Policy': cspHeader(dev),
  };
}
