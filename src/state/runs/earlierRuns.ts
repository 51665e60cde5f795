import { originOfWords, type RunOrigin } from './origin';
import { NO_AUGMENT } from '../../ml/data/augment';
import { NO_MY_DIGITS, type MyDigitsUse } from '../../ml/data/myDigits';
import { NOTEBOOK_VALIDATION } from '../../ml/data/validation';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import type { TrainConfig } from '../../ml/training/train';
import { flatSeries, type LossSeries, type RunEvaluation, type RunRecord } from './record';

/**
 * What a run kept before schedules, augmentation, networks of one's own, a validation split and
 * my digits existed trained with: a constant rate, no augmentation, the notebook's network,
 * validated on the test set, MNIST alone.
 */
export const EARLIER_RECIPE = {
  schedule: 'constant',
  lrDecay: 0.5,
  ...NO_AUGMENT,
  network: NOTEBOOK_NETWORK,
  ...NOTEBOOK_VALIDATION,
  ...NO_MY_DIGITS,
} as const satisfies Partial<TrainConfig>;

/**
 * A run as the database holds it, written by this version or an earlier one: the settings an
 * earlier one lacks are those it trained with, and what it did not record it did not have.
 */
export type EarlierRun = Omit<RunRecord, 'version' | 'settings' | 'learningRates' | 'origin' | 'myDigits' | 'myEvaluation'> & {
  readonly version: 1 | 2 | 3 | 4;
  readonly settings: Omit<TrainConfig, keyof typeof EARLIER_RECIPE> & Partial<TrainConfig>;
  readonly learningRates?: LossSeries;
  /** Kept since runs said where they started as data; before, only in words. */
  readonly origin?: RunOrigin;
  /** Kept since version 4: a run before it trained on MNIST alone and was never scored on my digits. */
  readonly myDigits?: MyDigitsUse | null;
  readonly myEvaluation?: RunEvaluation | null;
};

export function upgradeRun(run: EarlierRun): RunRecord {
  const settings = { ...EARLIER_RECIPE, ...run.settings };
  return {
    ...run,
    version: 4,
    settings,
    learningRates: run.learningRates ?? flatSeries(run.batchLoss, settings.learningRate),
    origin: run.origin ?? originOfWords(run.from),
    myDigits: run.myDigits ?? null,
    myEvaluation: run.myEvaluation ?? null,
  };
}
