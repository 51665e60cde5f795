import { defineConfig } from 'vite';

/**
 * Cross-origin isolation makes `crossOriginIsolated` true, which gives the page
 * SharedArrayBuffer (threaded wasm) and precise memory measurement.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // JSX goes through esbuild's automatic runtime; no React plugin is needed for a build.
  esbuild: { jsx: 'automatic' },
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
