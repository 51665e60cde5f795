/**
 * Where the end-to-end tests find the harness build (with test hooks) and the app's own build.
 * Either can be moved with an environment variable, so two checkouts can test side by side.
 */
function port(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 65535) throw new Error(`${name}=${value} is not a port`);
  return parsed;
}

export const HARNESS_PORT = port('E2E_HARNESS_PORT', 4173);
export const APP_PORT = port('E2E_APP_PORT', 4174);
/** A server the update test starts and replaces itself (e2e/offline.spec.ts). */
export const UPDATE_PORT = port('E2E_UPDATE_PORT', 4175);
/** A proxy in front of the app's build that can fail one file, and the build behind it (e2e/offlineCopy.spec.ts). */
export const COPY_PORT = port('E2E_COPY_PORT', 4176);
export const COPY_UPSTREAM_PORT = port('E2E_COPY_UPSTREAM_PORT', 4177);
