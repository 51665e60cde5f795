import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { cspHeader, cspMeta } from './scripts/lib/csp';

/**
 * Cross-origin isolation makes `crossOriginIsolated` true, which gives the page
 * SharedArrayBuffer and precise memory measurement. The policy header covers the
 * worker too: a worker's policy comes with its own script's response.
 */
function headers(dev: boolean): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Content-Security-Policy': cspHeader(dev),
  };
}

/** The same policy in the page itself, so a static host that sends no header still enforces it. */
function policyInPage(dev: boolean): Plugin {
  return {
    name: 'csp-meta',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta(dev) }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * `--mode harness` builds the app with the test and bench hooks (src/harness) into
 * dist-harness/; every other build leaves them out, and dist/ is what ships.
 */
export const HARNESS_OUT_DIR = 'dist-harness';

export default defineConfig(({ command, isPreview, mode }) => {
  const dev = command === 'serve' && !isPreview;
  return {
    // JSX goes through esbuild's automatic runtime; no React plugin is needed for a build.
    esbuild: { jsx: 'automatic' },
    plugins: [policyInPage(dev)],
    resolve: {
      // tfjs-vis imports vega-embed; this stand-in makes its charts run without eval.
      alias: [{ find: /^vega-embed$/, replacement: fileURLToPath(new URL('./src/ui/charts/vegaEmbedInterpreted.ts', import.meta.url)) }],
    },
    worker: { format: 'es' },
    server: { headers: headers(true) },
    preview: { headers: headers(false) },
    build: { target: 'es2022', chunkSizeWarningLimit: 4096, outDir: mode === 'harness' ? HARNESS_OUT_DIR : 'dist' },
  };
});
