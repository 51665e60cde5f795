import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectDatasetReady } from './fixtures';
import { APP_PORT } from './ports';
import { expect, test } from './test';

/** Names that only the test and bench hooks use: none may reach a visitor. */
const HOOK_NAMES = ['mnistFaults', 'mnistBench', 'inject-fault', 'bare-fit', 'step-times'];

async function builtText(dir: string): Promise<string> {
  const files = await readdir(join(dir, 'assets'));
  const texts = await Promise.all(
    [...files.filter((file) => /\.(js|css)$/.test(file)).map((file) => join(dir, 'assets', file)), join(dir, 'index.html')].map((path) =>
      readFile(path, 'utf8'),
    ),
  );
  return texts.join('\n');
}

test('the shipped build has none of the test or bench hooks, and the harness build has them all', async () => {
  const shipped = await builtText('dist');
  const harness = await builtText('dist-harness');
  for (const name of HOOK_NAMES) {
    expect(shipped, `dist/ mentions ${name}`).not.toContain(name);
    expect(harness, `dist-harness/ mentions ${name}`).toContain(name);
  }
});

test.describe('the shipped build', () => {
  test.use({ baseURL: `http://127.0.0.1:${APP_PORT}` });

  test('loads, trains and offers no hooks to anyone', async ({ page }) => {
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(new URL(response.url()).pathname);
    });
    await page.goto('/?backend=wasm&epochs=1&trainSize=1024&testSize=500');
    await expectDatasetReady(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('test-accuracy')).toHaveAttribute('data-value', /^0\.\d+$/);

    expect(await page.evaluate(() => ({ bench: 'mnistBench' in window, faults: 'mnistFaults' in window }))).toEqual({
      bench: false,
      faults: false,
    });
    expect(scripts.some((path) => /ml\.worker/.test(path))).toBe(true);
    expect(scripts.filter((path) => /harness/.test(path))).toEqual([]);
  });
});
