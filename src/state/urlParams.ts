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

type NumericKey = Exclude<keyof TrainConfig, 'seed'>;

const LIMITS: Record<NumericKey, { min: number; max: number }> = {
  epochs: { min: 1, max: 1000 },
  batchSize: { min: 1, max: 4096 },
  trainSize: { min: 1, max: EXPECTED_COUNT.train },
  testSize: { min: 1, max: EXPECTED_COUNT.test },
};

/** Reads the automation contract's URL parameters; a bad value is named and replaced by the default. */
export function parseParams(search: string): { config: AppConfig; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const train: Record<keyof TrainConfig, number> = { ...DEFAULT_TRAIN_CONFIG };

  for (const key of Object.keys(LIMITS) as NumericKey[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = Number(raw);
    const { min, max } = LIMITS[key];
    if (Number.isInteger(value) && value >= min && value <= max) train[key] = value;
    else problems.push(`${key}=${raw} is not a whole number from ${min} to ${max}; using ${train[key]}.`);
  }
  const seed = params.get('seed');
  if (seed !== null) {
    if (/^\d+$/.test(seed) && Number(seed) <= 0xffffffff) train.seed = Number(seed);
    else problems.push(`seed=${seed} is not a whole number from 0 to 4294967295; using ${train.seed}.`);
  }

  const rawBackend = params.get('backend');
  let backend: BackendName | null = null;
  if (rawBackend !== null) {
    if (isBackendName(rawBackend)) backend = rawBackend;
    else problems.push(`backend=${rawBackend} is not one of webgpu, webgl, wasm, cpu; choosing automatically.`);
  }
  return { config: { backend, train, autostart: params.get('autostart') === '1' }, problems };
}
