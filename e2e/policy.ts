import { expect, type Page } from '@playwright/test';

/** The directives every page of the app must be served with. */
export const REQUIRED_DIRECTIVES = ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'"];

export function expectStrictPolicy(policy: string): void {
  for (const directive of REQUIRED_DIRECTIVES) expect(policy).toContain(directive);
  expect(policy).not.toContain("'unsafe-eval'");
  expect(policy).not.toContain("'unsafe-inline'");
}

/**
 * Tries what the policy forbids, from inside the page: eval, an inline script, a request to
 * another origin; each must be refused. Breaks the policy on purpose, so a test that calls it
 * sets `probesPolicy`.
 */
export async function expectPolicyRefusals(page: Page): Promise<void> {
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
}
