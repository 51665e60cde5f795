import { BACKENDS } from '../ml/engines/backend';
import { EXPECTED_COUNT } from '../ml/data/mnist';
import { VALIDATION_SOURCES } from '../ml/data/validation';
import { OPTIMIZERS } from '../ml/training/optimizers';
import { SCHEDULES } from '../ml/training/schedule';

/* Every setting of the form: its name, its label, its URL parameter and the rule its text must follow. */

export const SETTING_NAMES = [
  'network',
  'epochs',
  'batchSize',
  'learningRate',
  'optimizer',
  'schedule',
  'lrDecay',
  'rotation',
  'zoom',
  'shift',
  'trainSize',
  'testSize',
  'validation',
  'validationSplit',
  'myDigits',
  'myRepeat',
  'myHoldOut',
  'seed',
  'engine',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** What the form holds: each field's text as typed, valid or not. */
export type Draft = Readonly<Record<SettingName, string>>;
export type DraftErrors = Readonly<Partial<Record<SettingName, string>>>;

export type Rule =
  | { readonly kind: 'network' }
  | { readonly kind: 'whole'; readonly min: number; readonly max: number }
  | { readonly kind: 'decimal'; readonly min: number; readonly max: number; readonly example: string }
  /** A decimal that may also be written as Keras users write rates: 1e-3, .001. */
  | { readonly kind: 'rate'; readonly min: number; readonly max: number; readonly example: string }
  | { readonly kind: 'choice'; readonly choices: readonly string[] };

export interface SettingSpec {
  readonly label: string;
  /** Its name in the URL. */
  readonly param: string;
  readonly rule: Rule;
}

export const ENGINE_AUTO = 'auto';

export const SETTINGS: Readonly<Record<SettingName, SettingSpec>> = {
  network: { label: 'Network as text', param: 'net', rule: { kind: 'network' } },
  epochs: { label: 'Epochs', param: 'epochs', rule: { kind: 'whole', min: 1, max: 1000 } },
  batchSize: { label: 'Batch size', param: 'batchSize', rule: { kind: 'whole', min: 1, max: 4096 } },
  learningRate: { label: 'Learning rate', param: 'learningRate', rule: { kind: 'rate', min: 0.000001, max: 1, example: '0.001' } },
  optimizer: { label: 'Optimizer', param: 'optimizer', rule: { kind: 'choice', choices: OPTIMIZERS } },
  schedule: { label: 'Learning-rate schedule', param: 'schedule', rule: { kind: 'choice', choices: SCHEDULES } },
  lrDecay: { label: 'Decay per epoch', param: 'lrDecay', rule: { kind: 'rate', min: 0.01, max: 1, example: '0.5' } },
  rotation: { label: 'Rotation (± degrees)', param: 'rotation', rule: { kind: 'decimal', min: 0, max: 45, example: '10' } },
  zoom: { label: 'Zoom (± %)', param: 'zoom', rule: { kind: 'decimal', min: 0, max: 50, example: '10' } },
  shift: { label: 'Shift (± pixels)', param: 'shift', rule: { kind: 'decimal', min: 0, max: 8, example: '2' } },
  trainSize: { label: 'Training images', param: 'trainSize', rule: { kind: 'whole', min: 1, max: EXPECTED_COUNT.train } },
  testSize: { label: 'Test images', param: 'testSize', rule: { kind: 'whole', min: 1, max: EXPECTED_COUNT.test } },
  validation: { label: 'Validation', param: 'validation', rule: { kind: 'choice', choices: VALIDATION_SOURCES } },
  validationSplit: { label: 'Validation share', param: 'validationSplit', rule: { kind: 'decimal', min: 0.01, max: 0.9, example: '0.1' } },
  // A checkbox on the form: '1' on, '0' off, as the URL writes it.
  myDigits: { label: 'Train with my digits', param: 'myDigits', rule: { kind: 'choice', choices: ['0', '1'] } },
  myRepeat: { label: 'Repeat my digits', param: 'myRepeat', rule: { kind: 'whole', min: 1, max: 100 } },
  myHoldOut: { label: 'Share of my digits held out', param: 'myHoldOut', rule: { kind: 'decimal', min: 0, max: 0.9, example: '0.2' } },
  seed: { label: 'Seed', param: 'seed', rule: { kind: 'whole', min: 0, max: 0xffffffff } },
  engine: { label: 'Engine', param: 'backend', rule: { kind: 'choice', choices: [ENGINE_AUTO, ...BACKENDS] } },
};
