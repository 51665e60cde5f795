import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { draw, ONE } from './draw';
import { corruptedTestSprite, datasetStatus, expectDatasetReady, openSettings } from './fixtures';
import { expectPolicyRefusals, expectStrictPolicy } from './policy';
import { APP_PORT, UPDATE_PORT } from './ports';
import { buildVersion, serve } from './servers';
import type { Page } from '@playwright/test';
import { expect, test } from './test';

/** The version the app shows: package.json's (a deploy may add a build to it). */
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** A short training, on wasm, as a person on a slow machine would try first. */
const SHORT = '/?backend=wasm&epochs=1&trainSize=512&testSize=256';

const offlineStatus = (page: Page) => page.getByTestId('offline-status');

/** The first visit: the dataset from the network, and the whole app kept by the service worker. */
async function firstVisit(page: Page): Promise<void> {
  await page.goto(SHORT);
  await expectDatasetReady(page);
  await expect(offlineStatus(page)).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  await expect(offlineStatus(page)).toContainText('Ready offline');
}

async function trainShort(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
}

test.describe('offline', () => {
  // The app as it ships, with its service worker (every other spec blocks service workers).
  test.use({ serviceWorkers: 'allow', baseURL: `http://127.0.0.1:${APP_PORT}` });

  test('after a first visit the app installs, then opens, trains and reads a drawing with no network', async ({ page, context }) => {
    await firstVisit(page);

    await context.setOffline(true);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(offlineStatus(page)).toHaveAttribute('data-state', 'offline');
    await expect(offlineStatus(page)).toContainText('Offline now — running from the cache');
    await expectDatasetReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
    await trainShort(page);
    await draw(page, ONE);
    await expect(page.getByTestId('prediction')).toHaveAttribute('data-digit', /^\d$/);
    // The Keras writer (HDF5 in WebAssembly) is a chunk of its own, loaded on first use: from the cache too.
    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'Models' }).getByRole('button', { name: 'Download .keras' }).click();
    expect((await download).suggestedFilename()).toBe('model.keras');

    // Only the app's own files were kept: nothing from another origin.
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.length).toBeGreaterThan(20);
    expect(cached.filter((url) => new URL(url).origin !== new URL(page.url()).origin)).toEqual([]);

    // Chromium would offer to install it: a valid manifest, and no reason against but the test's
    // own incognito profile (nothing installs from one). Asked last: a DevTools session of its own
    // on the page stops Playwright's offline emulation reaching the next document.
    await context.setOffline(false);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    expect(manifest.url).toMatch(/\/manifest\.webmanifest$/);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
  });

  test('a corrupt sprite in the cache is refused by its checksum, and Retry online brings a good copy back', async ({ page, context }) => {
    await firstVisit(page);
    const sprite = (await corruptedTestSprite()).toString('base64');
    const replaced = await page.evaluate(async (base64) => {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (new URL(request.url).pathname !== '/data/test-images.png') continue;
          const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
          await cache.put(request, new Response(bytes, { headers: { 'Content-Type': 'image/png' } }));
          return request.url;
        }
      }
      return null;
    }, sprite);
    expect(replaced, 'the precached test sprite').not.toBeNull();

    await page.reload();
    await expect(datasetStatus(page)).toHaveAttribute('data-state', 'error');
    await expect(datasetStatus(page).getByRole('alert')).toContainText('The test images are corrupt: their checksum');
    await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();

    await page.getByRole('button', { name: 'Retry' }).click();
    await expectDatasetReady(page);

    // The good copy replaced the corrupt one in the cache: the next visit, offline, is fine.
    await context.setOffline(true);
    await page.reload();
    await expectDatasetReady(page);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test.describe('the page from the cache', () => {
  test.use({ serviceWorkers: 'allow', baseURL: `http://127.0.0.1:${APP_PORT}`, probesPolicy: true });

  test('keeps its isolation and its policy: no eval, no inline script, no other origin', async ({ page, context }) => {
    await firstVisit(page);
    await context.setOffline(true);
    const workerScript = page.waitForResponse((response) => /ml\.worker.*\.js$/.test(response.url()));
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    const headers = response?.headers() ?? {};
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
    expectStrictPolicy(headers['content-security-policy'] ?? '');
    expect((await workerScript).headers()['content-security-policy']).toBe(headers['content-security-policy']);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await expectPolicyRefusals(page);
    await expectDatasetReady(page);
  });
});

test.describe('an update', () => {
  // A server of its own, replaced mid-test by the next version on the same origin.
  test.use({ serviceWorkers: 'allow', baseURL: `http://127.0.0.1:${UPDATE_PORT}` });

  test('is offered, waits while training, and Reload brings it with the saved models kept', async ({ page }) => {
    // Longer than the default: it runs a whole production build of the next version (about a minute) inside the test.
    test.setTimeout(300_000);
    const next = await buildVersion('next');
    let server = await serve('dist', UPDATE_PORT);
    try {
      await firstVisit(page);
      const shown = page.getByTestId('app-version');
      await expect(shown).toHaveText(`v${version}`);
      await trainShort(page);
      await page.getByLabel('Name').fill('before the update');
      await page.getByRole('button', { name: 'Save model' }).click();
      await expect(page.getByTestId('saved-models').getByRole('listitem')).toContainText('before the update');

      await server.stop();
      server = await serve(next, UPDATE_PORT);
      await page.reload();
      const notice = page.getByTestId('update-notice');
      await expect(notice).toContainText('A new version is ready', { timeout: 60_000 });
      await expect(shown).toHaveText(`v${version}`);

      // Never under a run: the button waits for the training to end.
      await openSettings(page);
      await page.getByRole('textbox', { name: 'Training images' }).fill('60000');
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'training');
      await expect(notice.getByRole('button', { name: 'Reload' })).toBeDisabled();
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'stopped', { timeout: 30_000 });

      await notice.getByRole('button', { name: 'Reload' }).click();
      await expect(shown).toHaveText(`v${version}+next`, { timeout: 30_000 });
      await expect(page.getByTestId('update-notice')).toHaveCount(0);
      await expect(page.getByTestId('saved-models').getByRole('listitem')).toContainText('before the update');
    } finally {
      await server.stop();
      await rm(next, { recursive: true, force: true });
    }
  });
});
