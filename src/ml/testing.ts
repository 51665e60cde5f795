import { NO_AUGMENT } from './augment';
import type { ScheduleConfig } from './schedule';
import type { ScheduleSpan, TrainHooks } from './train';

/** For runs at a constant learning rate, where the epochs a schedule spans change nothing. */
export const ANY_SPAN: ScheduleSpan = { firstEpoch: 1, epochs: 1 };

/** The notebook's way of stepping, for tests that set the rest of a TrainConfig themselves. */
export const PLAIN_STEPS = { schedule: 'constant', lrDecay: 0.5, ...NO_AUGMENT } as const satisfies Omit<ScheduleConfig, 'learningRate'>;

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
