import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

/** Debian's Chromium, where `apt-get install chromium` puts it. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser the tests and the bench drive: CHROMIUM_PATH, else Debian's Chromium,
 * else Playwright's own if someone installed it; undefined when there is none.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const bundled = chromium.executablePath();
  return existsSync(bundled) ? bundled : undefined;
}

/**
 * Flags for a closed network and root: without the background-networking ones,
 * Chromium keeps trying to reach Google's services and logs refused connections.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
];

/** Launch options for that browser with these flags. */
export function launchOptions(args: readonly string[] = CHROMIUM_ARGS): LaunchOptions {
  const executablePath = findChromium();
  return { args: [...args], ...(executablePath ? { executablePath } : {}) };
}
