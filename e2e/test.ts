import { test as base, expect, type ConsoleMessage } from '@playwright/test';

/** Schemes that never reach a network: the page's own memory. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:']);

/**
 * Every end-to-end test runs under two guards: no request may leave the page's
 * origin (the README promises that drawings never leave the browser), and the
 * Content-Security-Policy may refuse nothing, in the page or in its workers.
 */
export const test = base.extend<{ guards: undefined; probesPolicy: boolean }>({
  /** For the one test that breaks the policy on purpose, to see it hold. */
  probesPolicy: [false, { option: true }],
  guards: [
    async ({ page, baseURL, probesPolicy }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
      const foreign: string[] = [];
      const refused: string[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (!LOCAL_SCHEMES.has(url.protocol) && url.origin !== origin) foreign.push(request.url());
      });
      const watch = (message: ConsoleMessage): void => {
        if (message.text().includes('Content Security Policy')) refused.push(message.text());
      };
      page.on('console', watch);
      page.on('worker', (worker) => worker.on('console', watch));
      await use(undefined);
      expect(foreign, 'requests to other origins').toEqual([]);
      if (!probesPolicy) expect(refused, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
