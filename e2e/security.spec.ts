import { expectDatasetReady } from './fixtures';
import { APP_PORT } from './ports';
import { expect, test } from './test';

test.describe('Content-Security-Policy', () => {
  // The policy that ships: the app's own build, not the harness one.
  test.use({ probesPolicy: true, baseURL: `http://127.0.0.1:${APP_PORT}` });

  test('the page and its worker run under a policy that forbids eval, inline scripts and foreign origins', async ({ page }) => {
    const workerScript = page.waitForResponse((response) => /ml\.worker.*\.js$/.test(response.url()));
    const response = await page.goto('/?backend=wasm');
    const policy = response?.headers()['content-security-policy'] ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'"]) {
      expect(policy).toContain(directive);
    }
    expect(policy).not.toContain("'unsafe-eval'");
    expect(policy).not.toContain("'unsafe-inline'");
    expect((await workerScript).headers()['content-security-policy']).toBe(policy);
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /default-src 'self'/);

    const refusals = await page.evaluate(async () => {
      const tries: Record<string, () => unknown> = {
        // DevTools lets code it evaluates use eval; a timer runs it as the page's own code would.
        eval: () =>
          new Promise((resolve, reject) => {
            setTimeout(() => {
              try {
                // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point is to see the policy refuse it
                resolve(new Function('return 1'));
              } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            });
          }),
        inlineScript: () =>
          new Promise((resolve) => {
            document.addEventListener('securitypolicyviolation', (event) => resolve(event.violatedDirective), { once: true });
            const script = document.createElement('script');
            script.textContent = 'window.inlineRan = true';
            document.head.append(script);
          }),
        foreignFetch: () => fetch('http://example.invalid/').then(() => 'fetched'),
      };
      const outcome: Record<string, string> = {};
      for (const [name, attempt] of Object.entries(tries)) {
        try {
          outcome[name] = String(await attempt());
        } catch (error) {
          outcome[name] = error instanceof Error ? error.name : 'thrown';
        }
      }
      return { outcome, inlineRan: 'inlineRan' in window };
    });
    expect(refusals.outcome.eval).toBe('EvalError');
    expect(refusals.outcome.inlineScript).toMatch(/^script-src/);
    expect(refusals.outcome.foreignFetch).toBe('TypeError');
    expect(refusals.inlineRan).toBe(false);

    // Under that policy the dataset still decodes and WebAssembly still compiles in the worker.
    await expectDatasetReady(page);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  });
});
