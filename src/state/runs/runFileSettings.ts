import { isOptimizerName } from '../../ml/training/optimizers';
import { isScheduleName, type ScheduleName } from '../../ml/training/schedule';
import { isValidationSource, type ValidationSource } from '../../ml/data/validation';
import type { TrainConfig } from '../../ml/training/train';
import { SETTINGS } from '../settings';
import { isRecord } from '../../ml/json';
import { readNetwork, type NetworkConfig } from '../../ml/network/network';
import { planNetwork } from '../../ml/network/plan';
import { EARLIER_RECIPE } from './earlierRuns';
import { fail, field, finite, type Json } from './runFileFields';

/*
 * A run file's settings, each held to the rule the settings form holds it to, so that a file can
 * hold no run the app could not have trained.
 */

const isSchedule = (value: unknown): value is ScheduleName => typeof value === 'string' && isScheduleName(value);
const isValidation = (value: unknown): value is ValidationSource => typeof value === 'string' && isValidationSource(value);
// The form's checkbox is text ('0', '1'); the settings themselves, and so the file, hold a boolean.
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

type RangedSetting =
  | 'epochs'
  | 'batchSize'
  | 'trainSize'
  | 'testSize'
  | 'seed'
  | 'learningRate'
  | 'lrDecay'
  | 'rotation'
  | 'zoom'
  | 'shift'
  | 'validationSplit'
  | 'myRepeat'
  | 'myHoldOut';

/** A number the settings form would take for this field (a whole one where the form wants one). */
export function allowed(name: RangedSetting): (value: unknown) => value is number {
  const { rule } = SETTINGS[name];
  return (value): value is number =>
    finite(value) &&
    (rule.kind === 'whole' || rule.kind === 'decimal' || rule.kind === 'rate') &&
    (rule.kind !== 'whole' || Number.isInteger(value)) &&
    value >= rule.min &&
    value <= rule.max;
}

/** What the form takes for a whole-number field, in words. */
export function wholeRange(name: 'epochs' | 'batchSize' | 'trainSize' | 'testSize' | 'seed' | 'myRepeat'): string {
  const { rule } = SETTINGS[name];
  return rule.kind === 'whole' ? `a whole number from ${rule.min} to ${rule.max}` : 'a whole number';
}

/** The network, checked and copied (nothing else of the file is kept); a file from before networks could be edited has the notebook's. */
function readRunNetwork(settings: Json): NetworkConfig {
  if (settings.network === undefined) return EARLIER_RECIPE.network;
  const network = readNetwork(settings.network);
  if (!network) fail('its network is not one this app trains');
  const planned = planNetwork(network);
  if (!planned.ok) fail(`its network cannot be trained: ${planned.refusal.message}`);
  return network;
}

/** A setting added after the first run files: absent means the recipe every earlier run trained with. */
function added<T>(object: Json, key: keyof typeof EARLIER_RECIPE, check: (value: unknown) => value is T, what: string, fallback: T): T {
  return object[key] === undefined ? fallback : field(object, key, check, what);
}

/** The settings a run trained with, every one checked; one a file predates is the earlier recipe's. */
export function readSettings(value: unknown): TrainConfig {
  if (!isRecord(value)) fail('it has no settings');
  const optimizer = value.optimizer;
  if (typeof optimizer !== 'string' || !isOptimizerName(optimizer)) fail('its optimizer is not one this app knows');
  return {
    network: readRunNetwork(value),
    epochs: field(value, 'epochs', allowed('epochs'), wholeRange('epochs')),
    batchSize: field(value, 'batchSize', allowed('batchSize'), wholeRange('batchSize')),
    learningRate: field(value, 'learningRate', allowed('learningRate'), 'a learning rate from 0.000001 to 1'),
    trainSize: field(value, 'trainSize', allowed('trainSize'), wholeRange('trainSize')),
    testSize: field(value, 'testSize', allowed('testSize'), wholeRange('testSize')),
    seed: field(value, 'seed', allowed('seed'), wholeRange('seed')),
    optimizer,
    schedule: added(value, 'schedule', isSchedule, 'a learning-rate schedule this app knows', EARLIER_RECIPE.schedule),
    lrDecay: added(value, 'lrDecay', allowed('lrDecay'), 'a factor from 0.01 to 1', EARLIER_RECIPE.lrDecay),
    rotation: added(value, 'rotation', allowed('rotation'), 'from 0 to 45 degrees', EARLIER_RECIPE.rotation),
    zoom: added(value, 'zoom', allowed('zoom'), 'from 0 to 50 %', EARLIER_RECIPE.zoom),
    shift: added(value, 'shift', allowed('shift'), 'from 0 to 8 pixels', EARLIER_RECIPE.shift),
    validation: added(value, 'validation', isValidation, 'test or split', EARLIER_RECIPE.validation),
    validationSplit: added(
      value,
      'validationSplit',
      allowed('validationSplit'),
      'a share from 0.01 to 0.9',
      EARLIER_RECIPE.validationSplit,
    ),
    myDigits: added(value, 'myDigits', isBoolean, 'true or false', EARLIER_RECIPE.myDigits),
    myRepeat: added(value, 'myRepeat', allowed('myRepeat'), wholeRange('myRepeat'), EARLIER_RECIPE.myRepeat),
    myHoldOut: added(value, 'myHoldOut', allowed('myHoldOut'), 'a share from 0 to 0.9', EARLIER_RECIPE.myHoldOut),
  };
}
