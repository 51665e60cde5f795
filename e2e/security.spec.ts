import { expectDatasetReady } from './fixtures';
import { expectPolicyRefusals, expectStrictPolicy } from './policy';
import { APP_PORT } from './ports';
import { expect, test } from './test';

test.describe('Content-Security-Policy', () => {
  // The policy that ships: the app's own build, not the harness one.
  test.use({ probesPolicy: true, baseURL: `http://127.0.0.1:${APP_PORT}` });

  test('the page and its worker run under a policy that forbids eval, inline scripts and foreign origins', async ({ page }) => {
    const workerScript = page.waitForResponse((response) => /ml\.worker.*\.js$/.test(response.url()));
    const response = await page.goto('/?backend=wasm');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expectStrictPolicy(policy);
    expect((await workerScript).headers()['content-security-policy']).toBe(policy);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'self'/);

    await expectPolicyRefusals(page);

    // Under that policy the dataset still decodes and WebAssembly still compiles in the worker.
    await expectDatasetReady(page);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  });
});
