import { defineConfig, devices } from '@playwright/test';
import { launchOptions } from './e2e/browser';
import { APP_PORT, HARNESS_PORT } from './e2e/ports';

const server = (command: string, port: number) => ({
  command,
  url: `http://127.0.0.1:${port}`,
  reuseExistingServer: !process.env.CI,
  timeout: 180_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  // Two cores: the page trains on the CPU, so parallel workers only slow each other down.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // Each test's time against its limit, for the list `npm test` prints last.
  reporter: [['list'], ['./scripts/test-durations/playwrightReporter.ts']],
  use: {
    // The harness build: the app plus the hooks the fault tests need (src/harness).
    baseURL: `http://127.0.0.1:${HARNESS_PORT}`,
    trace: 'retain-on-failure',
    // A service worker would answer from its cache, out of reach of page.route and across a test's
    // pages; only e2e/offline.spec.ts lets it run.
    serviceWorkers: 'block',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: launchOptions() } }],
  // Production builds served by `vite preview`, with the same COOP/COEP and policy headers as dev. Started in order:
  // the first builds both, so the second only serves what ships.
  webServer: [
    server(
      `npm run build && npm run build:harness && npx vite preview --mode harness --port ${HARNESS_PORT} --strictPort --host 127.0.0.1`,
      HARNESS_PORT,
    ),
    server(`npx vite preview --port ${APP_PORT} --strictPort --host 127.0.0.1`, APP_PORT),
  ],
});
