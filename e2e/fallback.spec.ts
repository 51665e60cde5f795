import { CHROMIUM_ARGS, launchOptions } from './browser';
import { expectDatasetReady } from './fixtures';
import { expect, test } from './test';

// Without this flag, headless Chromium on Linux offers no WebGPU adapter at all.
test.use({ launchOptions: launchOptions(CHROMIUM_ARGS.filter((arg) => arg !== '--enable-unsafe-webgpu')) });

test('?backend=webgpu without an adapter falls back to the fastest backend left, says so, and trains', async ({ page }) => {
  await page.goto('/?backend=webgpu&epochs=1&trainSize=512&testSize=500');
  await expectDatasetReady(page);
  await expect(page.getByTestId('notices')).toContainText(
    /WebGPU was requested but is unavailable: no WebGPU adapter was offered\. Training uses \w+ instead\./,
  );
  await expect(page.getByTestId('backend')).not.toHaveAttribute('data-backend', /^(webgpu|)$/);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-status')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
});
