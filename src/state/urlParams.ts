import { isBackendName, type BackendName } from '../ml/backend';
import { EXPECTED_COUNT } from '../ml/mnist';
import type { TrainConfig } from '../ml/train';

export interface AppConfig {
  readonly backend: BackendName | null;
  readonly train: TrainConfig;
  readonly autostart: boolean;
}

/** The notebook's recipe on the full dataset. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  epochs: 5,
  batchSize: 128,
  trainSize: EXPECTED_COUNT.train,
  testSize: EXPECTED_COUNT.test,
  seed: 42,
};

const LIMITS: Record<Exclude<keyof TrainConfig, 'seed'>, { min: number; max: number }> = {
  epochs: { min: 1, max: 1000 },
  batchSize: { min: 1, max: 4096 },
  trainSize: { min: 1, max: EXPECTED_COUNT.train },
  testSize: { min: 1, max: EXPECTED_COUNT.test },
};

const TRAIN_KEYS = ['epochs', 'batchSize', 'trainSize', 'testSize', 'seed'] as const satisfies readonly (keyof TrainConfig)[];

/** Whole numbers in plain decimal notation only: no sign, spaces, exponent or hex, the same rule for every field. */
const WHOLE_NUMBER = /^\d{1,15}$/;

/** A value as a notice may show it: short, and escaped if it holds anything but plain printable characters. */
export function quoteValue(raw: string, max = 24): string {
  if (raw.length <= max && /^[\x21-\x7e]*$/.test(raw) && raw !== '') return raw;
  return `${JSON.stringify(raw.slice(0, max))}${raw.length > max ? '…' : ''}`;
}

/** Reads a whole number from min to max, or says why not. */
export function readWholeNumber(raw: string, min: number, max: number): number | null {
  if (!WHOLE_NUMBER.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

/** Reads the automation contract's URL parameters; a bad value is named and replaced by the default. */
export function parseParams(search: string): { config: AppConfig; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const train: Record<keyof TrainConfig, number> = { ...DEFAULT_TRAIN_CONFIG };
  const limits: Record<keyof TrainConfig, { min: number; max: number }> = { ...LIMITS, seed: { min: 0, max: 0xffffffff } };

  for (const key of TRAIN_KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const { min, max } = limits[key];
    const value = readWholeNumber(raw, min, max);
    if (value === null) problems.push(`${key}=${quoteValue(raw)} is not a whole number from ${min} to ${max}; using ${train[key]}.`);
    else train[key] = value;
  }

  const rawBackend = params.get('backend');
  let backend: BackendName | null = null;
  if (rawBackend !== null) {
    if (isBackendName(rawBackend)) backend = rawBackend;
    else problems.push(`backend=${quoteValue(rawBackend)} is not one of webgpu, webgl, wasm, cpu; choosing automatically.`);
  }
  return { config: { backend, train, autostart: params.get('autostart') === '1' }, problems };
}
