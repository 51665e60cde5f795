import { isBackendName, type BackendName, type WasmKernels } from '../ml/engines/backend';
import { EXPECTED_COUNT } from '../ml/data/mnist';
import { NO_AUGMENT } from '../ml/data/augment';
import { NO_MY_DIGITS } from '../ml/data/myDigits';
import { isValidationSource, NOTEBOOK_VALIDATION, splitProblem } from '../ml/data/validation';
import { NOTEBOOK_OPTIMIZER, isOptimizerName } from '../ml/training/optimizers';
import { isScheduleName } from '../ml/training/schedule';
import type { TrainConfig } from '../ml/training/train';
import { netText, NetTextError, NOTEBOOK_NET, parseNet } from '../ml/network/netText';
import { NOTEBOOK_NETWORK, type NetworkConfig } from '../ml/network/network';
import { planNetwork } from '../ml/network/plan';
import { capitalised } from '../ml/text';

/** The settings a run is made of, as the page applies them. */
export interface AppConfig {
  /** The engine: a backend by name, or null for the fastest. */
  readonly backend: BackendName | null;
  readonly train: TrainConfig;
  readonly autostart: boolean;
  /** wasm threads (the URL's `threads`); null: every core. */
  readonly threads: number | null;
  /** The app's kernels on wasm (the URL's `kernels`, for the bench): SIMD unless `js`. */
  readonly kernels: WasmKernels;
  /** How the batch curves are drawn (the URL's `smoothing` and `logScale`): not part of a run. */
  readonly chartView: ChartView;
}

export interface ChartView {
  /** TensorBoard's smoothing weight, 0–0.99. */
  readonly smoothing: number;
  readonly logScale: boolean;
}

export const CHART_VIEW: ChartView = { smoothing: 0.6, logScale: false };

/** The notebook's recipe on the full dataset. */
export const NOTEBOOK_RECIPE: TrainConfig = {
  network: NOTEBOOK_NETWORK,
  epochs: 5,
  batchSize: 128,
  trainSize: EXPECTED_COUNT.train,
  testSize: EXPECTED_COUNT.test,
  seed: 42,
  ...NOTEBOOK_OPTIMIZER,
  schedule: 'constant',
  lrDecay: 0.5,
  ...NO_AUGMENT,
  ...NOTEBOOK_VALIDATION,
  ...NO_MY_DIGITS,
};

// The fields themselves (names, labels, URL parameters, rules) live in their own module; re-exported for the form's users.
import { ENGINE_AUTO, SETTINGS, type Draft, type DraftErrors, type Rule, type SettingName } from './settingSpecs';
export { ENGINE_AUTO, SETTINGS, SETTING_NAMES } from './settingSpecs';
export type { Draft, DraftErrors, Rule, SettingName, SettingSpec } from './settingSpecs';

/** Plain decimal notation for every number (no sign, spaces, exponent or hex) but rates. */
const WHOLE = /^\d{1,15}$/;
const DECIMAL = /^\d{1,9}(\.\d{1,15})?$/;
/** A rate as a Keras user types it: 0.001, .001, 1e-3, 1E-3, 2.5e-4 (the exponent two digits at most). */
const RATE = /^(\d{1,9}(\.\d{0,15})?|\.\d{1,15})([eE][-+]?\d{1,2})?$/;

const PATTERNS = { whole: WHOLE, decimal: DECIMAL, rate: RATE } as const;

function plain(value: number): string {
  return value.toFixed(6).replace(/\.?0+$/, '');
}

export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'network':
      return `a network of layers like ${NOTEBOOK_NET}`;
    case 'whole':
      return `a whole number from ${rule.min} to ${rule.max}`;
    case 'decimal':
      return `a number from ${plain(rule.min)} to ${rule.max}, like ${rule.example}`;
    case 'rate':
      return `a number from ${plain(rule.min)} to ${rule.max}, like ${rule.example} or ${Number(rule.example).toExponential()}`;
    case 'choice':
      return `one of ${rule.choices.join(', ')}`;
  }
}

/** A network's text: the network, or why it cannot be trained. */
export function readNetworkText(text: string): { network: NetworkConfig } | { problem: string } {
  let network: NetworkConfig;
  try {
    network = parseNet(text);
  } catch (error) {
    if (error instanceof NetTextError) return { problem: error.message };
    throw error;
  }
  const planned = planNetwork(network);
  return planned.ok ? { network } : { problem: planned.refusal.message };
}

/** Reads one field's text: its value, or null if the rule refuses it. */
export function read(text: string, rule: Rule): number | string | null {
  switch (rule.kind) {
    case 'network':
      return 'network' in readNetworkText(text) ? text : null;
    case 'whole':
    case 'decimal':
    case 'rate': {
      if (!PATTERNS[rule.kind].test(text)) return null;
      const value = Number(text);
      return value >= rule.min && value <= rule.max ? value : null;
    }
    case 'choice':
      return rule.choices.includes(text) ? text : null;
  }
}

/** The form's text for a config. */
export function draftOf(config: Pick<AppConfig, 'backend' | 'train'>): Draft {
  const { train } = config;
  return {
    network: netText(train.network),
    epochs: String(train.epochs),
    batchSize: String(train.batchSize),
    learningRate: String(train.learningRate),
    optimizer: train.optimizer,
    schedule: train.schedule,
    lrDecay: String(train.lrDecay),
    rotation: String(train.rotation),
    zoom: String(train.zoom),
    shift: String(train.shift),
    trainSize: String(train.trainSize),
    testSize: String(train.testSize),
    validation: train.validation,
    validationSplit: String(train.validationSplit),
    myDigits: train.myDigits ? '1' : '0',
    myRepeat: String(train.myRepeat),
    myHoldOut: String(train.myHoldOut),
    seed: String(train.seed),
    engine: config.backend ?? ENGINE_AUTO,
  };
}

/** Checks every field; the config is there only when nothing is wrong. */
export function checkDraft(draft: Draft): { config: Pick<AppConfig, 'backend' | 'train'> | null; errors: DraftErrors } {
  const errors: Partial<Record<SettingName, string>> = {};
  const number = (name: SettingName): number => {
    const value = read(draft[name].trim(), SETTINGS[name].rule);
    if (typeof value === 'number') return value;
    errors[name] = `${SETTINGS[name].label} must be ${describeRule(SETTINGS[name].rule)}.`;
    return Number.NaN;
  };
  const train = {
    epochs: number('epochs'),
    batchSize: number('batchSize'),
    learningRate: number('learningRate'),
    lrDecay: number('lrDecay'),
    rotation: number('rotation'),
    zoom: number('zoom'),
    shift: number('shift'),
    trainSize: number('trainSize'),
    testSize: number('testSize'),
    validationSplit: number('validationSplit'),
    myRepeat: number('myRepeat'),
    myHoldOut: number('myHoldOut'),
    seed: number('seed'),
  };
  const networkText = readNetworkText(draft.network);
  if ('problem' in networkText) errors.network = `${capitalised(networkText.problem)}.`;
  const optimizer = draft.optimizer;
  if (!isOptimizerName(optimizer)) errors.optimizer = `Optimizer must be ${describeRule(SETTINGS.optimizer.rule)}.`;
  const schedule = draft.schedule;
  if (!isScheduleName(schedule)) errors.schedule = `Learning-rate schedule must be ${describeRule(SETTINGS.schedule.rule)}.`;
  const validation = draft.validation;
  if (!isValidationSource(validation)) errors.validation = `Validation must be ${describeRule(SETTINGS.validation.rule)}.`;
  // Keras refuses a split with an empty side; so does the form, beside the share.
  const split = isValidationSource(validation)
    ? splitProblem(train.trainSize, { validation, validationSplit: train.validationSplit })
    : null;
  if (split && !errors.validationSplit && !errors.trainSize) errors.validationSplit = `${capitalised(split)}.`;
  const myDigits = draft.myDigits;
  if (myDigits !== '0' && myDigits !== '1') errors.myDigits = `Train with my digits must be ${describeRule(SETTINGS.myDigits.rule)}.`;
  const engine = draft.engine;
  const backend = isBackendName(engine) ? engine : null;
  if (!backend && engine !== ENGINE_AUTO) errors.engine = `Engine must be ${describeRule(SETTINGS.engine.rule)}.`;
  if (
    Object.keys(errors).length > 0 ||
    !isOptimizerName(optimizer) ||
    !isScheduleName(schedule) ||
    !isValidationSource(validation) ||
    !('network' in networkText)
  ) {
    return { config: null, errors };
  }
  return {
    config: { backend, train: { ...train, network: networkText.network, optimizer, schedule, validation, myDigits: myDigits === '1' } },
    errors,
  };
}
