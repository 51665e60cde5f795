import type { TrainHooks } from './train';

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
