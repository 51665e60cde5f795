import type { Page } from '@playwright/test';
import { expectDatasetReady } from './fixtures';
import { APP_PORT, COPY_PORT, COPY_UPSTREAM_PORT } from './ports';
import { failingProxy, serve } from './servers';
import { expect, test } from './test';

const SHORT = '/?backend=wasm&epochs=1&trainSize=512&testSize=256';
const offlineStatus = (page: Page) => page.getByTestId('offline-status');

/** Every entry of every cache the page can see. */
const cachedEntries = (page: Page) =>
  page.evaluate(async () => {
    let count = 0;
    for (const name of await caches.keys()) count += (await (await caches.open(name)).keys()).length;
    return count;
  });

async function offlineReload(page: Page): Promise<void> {
  const response = await page.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expectDatasetReady(page);
}

test.describe('an offline copy the browser lost', () => {
  test.use({ serviceWorkers: 'allow', baseURL: `http://127.0.0.1:${APP_PORT}` });

  test('is found missing, fetched again, and only then called ready', async ({ page, context }) => {
    await page.goto(SHORT);
    await expect(offlineStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    await page.evaluate(async () => {
      for (const name of await caches.keys()) await caches.delete(name);
    });
    expect(await cachedEntries(page)).toBe(0);

    await page.reload();
    await expect(offlineStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    expect(await cachedEntries(page)).toBeGreaterThan(20);
    await context.setOffline(true);
    await offlineReload(page);
  });
});

test.describe('an offline copy that cannot be made', () => {
  // The app's build behind a proxy that fails one precached file, on an origin of its own.
  test.use({ serviceWorkers: 'allow', baseURL: `http://127.0.0.1:${COPY_PORT}` });

  test('says so, and is made once the file can be fetched', async ({ page, context }) => {
    let broken = true;
    const upstream = await serve('dist', COPY_UPSTREAM_PORT);
    const proxy = await failingProxy(COPY_PORT, COPY_UPSTREAM_PORT, (path) => broken && path.startsWith('/icons/maskable-512.png'));
    try {
      await page.goto(SHORT);
      await expectDatasetReady(page);
      await expect(offlineStatus(page)).toHaveAttribute('data-state', 'failed', { timeout: 90_000 });
      await expect(offlineStatus(page)).toContainText('Offline copy incomplete');
      await expect(offlineStatus(page)).toHaveAttribute('title', /tried again when the network is back/);

      // The network comes back whole: the copy is made.
      broken = false;
      await context.setOffline(true);
      await context.setOffline(false);
      await expect(offlineStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
      await context.setOffline(true);
      await offlineReload(page);
    } finally {
      await proxy.stop();
      await upstream.stop();
    }
  });
});
