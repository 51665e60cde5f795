import { readFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import { KERAS_FORMATS, type KerasFormat } from '../../src/ml/network/keras/formats';

/** What Keras files cost: writing each format in the worker, and taking in the fixtures Keras saved. */
export interface KerasFilesResult {
  /** The notebook's network, fresh weights: each format's size, and each write's time (the first loads the HDF5 chunk). */
  export: Record<KerasFormat, { bytes: number; ms: number[] }>;
  /** The fixtures saved by Keras 3.10 (with optimizer state): their size, and each upload's time to the worker's answer. */
  import: Record<KerasFormat, { bytes: number; ms: number[] }>;
}

const FIXTURES: Record<KerasFormat, URL> = {
  keras: new URL('../../fixtures/keras/notebook-cnn.keras', import.meta.url),
  h5: new URL('../../fixtures/keras/notebook-cnn.h5', import.meta.url),
};

/** `rounds` writes of each format, then `rounds` uploads of each fixture, in one fresh page (the HDF5 chunk loads on the first). */
export async function measureKerasFiles(browser: Browser, base: string, rounds: number): Promise<KerasFilesResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/?backend=wasm`);
  await page.locator('[data-testid=dataset-status][data-state=ready]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid=backend][data-backend=wasm]').waitFor({ timeout: 120_000 });
  const result: KerasFilesResult = {
    export: { keras: { bytes: 0, ms: [] }, h5: { bytes: 0, ms: [] } },
    import: { keras: { bytes: 0, ms: [] }, h5: { bytes: 0, ms: [] } },
  };
  for (const format of KERAS_FORMATS) {
    for (let i = 0; i < rounds; i++) {
      const written = await page.evaluate((which) => window.mnistBench?.kerasExport(which) ?? null, format);
      if (!written) throw new Error('the harness has no kerasExport hook');
      result.export[format] = { bytes: written.bytes, ms: [...result.export[format].ms, Math.round(written.ms)] };
    }
  }
  for (const format of KERAS_FORMATS) {
    const bytes = await readFile(FIXTURES[format]);
    for (let i = 0; i < rounds; i++) {
      const ms = await page.evaluate((base64) => window.mnistBench?.kerasImportMs(base64) ?? null, bytes.toString('base64'));
      if (ms === null) throw new Error(`the fixture ${format} was refused`);
      result.import[format] = { bytes: bytes.length, ms: [...result.import[format].ms, Math.round(ms)] };
    }
  }
  await context.close();
  return result;
}
