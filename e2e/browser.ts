import { existsSync } from 'node:fs';

/**
 * The browser the tests and the bench drive: CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium, else Playwright's own (which must then be installed).
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
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
