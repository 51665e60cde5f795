import * as tf from '@tensorflow/tfjs';
import { NO_AUGMENT } from '../data/augment';
import { NOTEBOOK_VALIDATION } from '../data/validation';
import { NO_MY_DIGITS } from '../data/myDigits';
import { installTrainingKernels } from '../kernels';
import type { ScheduleConfig } from './schedule';
import type { ScheduleSpan, TrainConfig, TrainHooks } from './train';
import { NOTEBOOK_NETWORK } from '../network/network';

/** For runs at a constant learning rate, where the epochs a schedule spans change nothing. */
export const ANY_SPAN: ScheduleSpan = { firstEpoch: 1, epochs: 1 };

/** The notebook's network, way of stepping and validation, for tests that set the rest of a TrainConfig themselves. */
export const PLAIN_STEPS = {
  network: NOTEBOOK_NETWORK,
  schedule: 'constant',
  lrDecay: 0.5,
  ...NO_AUGMENT,
  ...NOTEBOOK_VALIDATION,
  ...NO_MY_DIGITS,
} as const satisfies Omit<ScheduleConfig, 'learningRate'> & Partial<TrainConfig>;

/** Hooks for training in tests: never stop, no UI, a real clock. */
export function quietHooks(overrides: Partial<TrainHooks> = {}): TrainHooks {
  return {
    now: () => Date.now(),
    shouldStop: () => false,
    guard: (download) => download,
    yieldToEvents: () => Promise.resolve(),
    onBatch: () => undefined,
    onEpoch: () => Promise.resolve(),
    ...overrides,
  };
}

/**
 * The backend for tests that train: tfjs' wasm build with the app's training kernels (the
 * JavaScript ones; the SIMD ones are checked in src/worker). About ten times faster than the
 * CPU backend, so a test that trains stays small work on a slow machine.
 */
export async function useTrainingBackend(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm');
  installTrainingKernels('wasm');
}
