/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

/** package.json's version, plus VITE_APP_BUILD when the build sets it (vite.config.ts). */
declare const __APP_VERSION__: string;
