import { VitePWA } from 'vite-plugin-pwa';
import type { PluginOption } from 'vite';

/** The dataset's sprites are 11 MB and 1.9 MB: the precache must take them. */
const LARGEST_PRECACHED_FILE = 16 * 1024 * 1024;

/**
 * The service worker and the web app manifest (docs/design.md#offline-and-install). Builds only:
 * the dev server never registers a service worker, so nothing cached gets between an edit and
 * the page. `prompt`: a new version waits for the person's Reload, never reloads a training page.
 */
export function offlinePlugin(): PluginOption {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/sw',
    filename: 'sw.ts',
    registerType: 'prompt',
    // src/state/serviceWorker.ts registers it, after the page has started.
    injectRegister: false,
    devOptions: { enabled: false },
    injectManifest: {
      // One classic script with Workbox bundled in: nothing imported from anywhere at run time.
      rollupFormat: 'iife',
      // The web app manifest is added by the plugin itself.
      globPatterns: ['**/*.{html,js,css,wasm,svg,png,json,u8}'],
      maximumFileSizeToCacheInBytes: LARGEST_PRECACHED_FILE,
    },
    includeManifestIcons: false,
    manifest: {
      name: 'MNIST, trained in your tab',
      short_name: 'MNIST tab',
      description: 'Train a small convolutional network on MNIST inside your browser, on your own device, online or offline.',
      id: '/',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#f7f7f5',
      background_color: '#f7f7f5',
      icons: [
        { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
  });
}
