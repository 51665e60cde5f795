import { fileURLToPath } from 'node:url';
import { version } from './package.json';
import { defineConfig, type Plugin } from 'vite';
import { cspMeta, pageHeaders } from './scripts/lib/csp';
import { offlinePlugin } from './scripts/lib/pwa';

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

/** package.json's version, plus VITE_APP_BUILD (a commit, a build number) when the deploy sets one. */
function appVersion(): string {
  const build = process.env.VITE_APP_BUILD;
  return build ? `${version}+${build}` : version;
}

export default defineConfig(({ command, isPreview, mode }) => {
  const dev = command === 'serve' && !isPreview;
  return {
    // JSX goes through esbuild's automatic runtime; no React plugin is needed for a build.
    esbuild: { jsx: 'automatic' },
    plugins: [policyInPage(dev), offlinePlugin()],
    resolve: {
      // tfjs-vis imports vega-embed; this stand-in makes its charts run without eval.
      alias: [{ find: /^vega-embed$/, replacement: fileURLToPath(new URL('./src/ui/charts/vegaEmbedInterpreted.ts', import.meta.url)) }],
    },
    worker: { format: 'es' },
    // Shown in the header, so a person (and the update test) can tell which version is running.
    define: { __APP_VERSION__: JSON.stringify(appVersion()) },
    server: { headers: pageHeaders(true) },
    preview: { headers: pageHeaders(false) },
    build: { target: 'es2022', chunkSizeWarningLimit: 4096, outDir: mode === 'harness' ? HARNESS_OUT_DIR : 'dist' },
  };
});
