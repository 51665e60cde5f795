/**
 * Before the end-to-end tests and the bench: makes sure there is a Chromium to drive.
 * CHROMIUM_PATH or Debian's Chromium is used when present; as root on a Debian-like
 * machine, Debian's is installed; otherwise this stops at once and says what to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DEBIAN_CHROMIUM, findChromium } from '../e2e/browser';

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function main(): number {
  const found = findChromium();
  if (found) return 0;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.error("No Chromium found: installing Debian's (apt-get install -y chromium) for the end-to-end tests.");
    // A fresh machine may have no package lists yet.
    const installed =
      run('apt-get', ['install', '-y', 'chromium']) || (run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']));
    if (installed && existsSync(DEBIAN_CHROMIUM)) return 0;
  }
  console.error(
    'No Chromium found for the end-to-end tests: install it with `sudo apt-get install -y chromium` (Debian, Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  return 1;
}

process.exit(main());
