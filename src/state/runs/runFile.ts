import { originOfWords, readOrigin, type RunOrigin } from './origin';
import { isOptimizerName } from '../../ml/training/optimizers';
import { isScheduleName, type ScheduleName } from '../../ml/training/schedule';
import { isValidationSource, type ValidationSource } from '../../ml/data/validation';
import type { EpochLog, TrainConfig } from '../../ml/training/train';
import { SETTINGS } from '../settings';
import { isRecord } from '../../ml/json';
import { readNetwork, type NetworkConfig } from '../../ml/network/network';
import { planNetwork } from '../../ml/network/plan';
import {
  EARLIER_RECIPE,
  EMPTY_LOSSES,
  MAX_LOSS_POINTS,
  RUN_BOUNDS,
  flatSeries,
  setEvaluation,
  type LossSeries,
  type RunHistograms,
  type RunRecord,
  type RunState,
} from './record';

/** A run file bigger than this is not one of ours (a 1,000-epoch run is far smaller). */
export const MAX_RUN_FILE_BYTES = 5 * 2 ** 20;

export class RunFileError extends Error {
  override name = 'RunFileError';
}

function fail(message: string): never {
  throw new RunFileError(message);
}

type Json = Record<string, unknown>;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function field<T>(object: Json, key: string, check: (value: unknown) => value is T, what: string): T {
  const value = object[key];
  if (!check(value)) fail(`its ${key} is not ${what}`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length <= 200;
const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
const isCount = (value: unknown): value is number => finite(value) && Number.isInteger(value) && value >= 0;
const isState = (value: unknown): value is RunState => value === 'running' || value === 'done' || value === 'stopped' || value === 'failed';

const isSchedule = (value: unknown): value is ScheduleName => typeof value === 'string' && isScheduleName(value);
const isValidation = (value: unknown): value is ValidationSource => typeof value === 'string' && isValidationSource(value);
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
  | 'validationSplit';

/** A number the settings form would take for this field (a whole one where the form wants one). */
function allowed(name: RangedSetting): (value: unknown) => value is number {
  const { rule } = SETTINGS[name];
  return (value): value is number =>
    finite(value) &&
    (rule.kind === 'whole' || rule.kind === 'decimal' || rule.kind === 'rate') &&
    (rule.kind !== 'whole' || Number.isInteger(value)) &&
    value >= rule.min &&
    value <= rule.max;
}

/** What the form takes for a whole-number field, in words. */
function wholeRange(name: 'epochs' | 'batchSize' | 'trainSize' | 'testSize' | 'seed'): string {
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

function readSettings(value: unknown): TrainConfig {
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
  };
}

const nonNegative = (value: unknown): value is number => finite(value) && value >= 0;
const share = (value: unknown): value is number => finite(value) && value >= 0 && value <= 1;
const positiveCount = (value: unknown): value is number => isCount(value) && value >= 1;

/** One epoch's log, each figure in the range training can give it: a count, a time, a loss, a share. */
function readEpoch(value: unknown, index: number): EpochLog {
  if (!isRecord(value)) fail(`epoch ${index + 1} is malformed`);
  const at = (key: keyof EpochLog, check: (v: unknown) => v is number, what: string): number => {
    const figure = value[key];
    if (!check(figure)) fail(`epoch ${index + 1}'s ${key} is not ${what}`);
    return figure;
  };
  const epoch = at('epoch', positiveCount, 'a count from 1');
  const lastEpoch = at('lastEpoch', (v): v is number => positiveCount(v) && v >= epoch, 'a count from its epoch on');
  return {
    epoch,
    lastEpoch,
    steps: at('steps', isCount, 'a count'),
    seconds: at('seconds', nonNegative, 'a time of 0 or more'),
    msPerStep: at('msPerStep', nonNegative, 'a time of 0 or more'),
    loss: at('loss', nonNegative, 'a loss of 0 or more'),
    accuracy: at('accuracy', share, 'a share from 0 to 1'),
    valLoss: at('valLoss', nonNegative, 'a loss of 0 or more'),
    valAccuracy: at('valAccuracy', share, 'a share from 0 to 1'),
  };
}

function readLosses(value: unknown): LossSeries {
  if (!isRecord(value)) return EMPTY_LOSSES;
  const points = value.points;
  if (!Array.isArray(points) || points.length > MAX_LOSS_POINTS || !points.every(finite)) fail('its batch losses are malformed');
  const partial = isRecord(value.partial) ? value.partial : {};
  return {
    stride: field(value, 'stride', isCount, 'a count') || 1,
    points,
    partial: { sum: finite(partial.sum) ? partial.sum : 0, count: isCount(partial.count) ? partial.count : 0 },
  };
}

function readHistograms(value: unknown): RunHistograms[] {
  if (!Array.isArray(value) || value.length > RUN_BOUNDS.histogramEpochs)
    fail(`its histograms are malformed (at most ${RUN_BOUNDS.histogramEpochs} epochs of them)`);
  return value.map((entry: unknown) => {
    if (!isRecord(entry) || !Array.isArray(entry.layers)) fail('its histograms are malformed');
    // Checked before any layer is read: a file of thousands of layers would otherwise be read, then drawn, in full.
    if (entry.layers.length > RUN_BOUNDS.histogramLayers)
      fail(`its histograms have ${entry.layers.length} layers in one epoch, more than the ${RUN_BOUNDS.histogramLayers} a run keeps`);
    return {
      epoch: field(entry, 'epoch', isCount, 'a count'),
      layers: entry.layers.map((layer: unknown) => {
        if (!isRecord(layer) || !Array.isArray(layer.counts) || layer.counts.length > RUN_BOUNDS.bins || !layer.counts.every(isCount)) {
          fail('its histograms are malformed');
        }
        return {
          layer: field(layer, 'layer', isString, 'a name'),
          min: field(layer, 'min', finite, 'a number'),
          max: field(layer, 'max', finite, 'a number'),
          counts: layer.counts,
        };
      }),
    };
  });
}

function readMatrix(value: unknown): number[][] | null {
  if (value === null || value === undefined) return null;
  const matrix = isRecord(value) ? value.matrix : undefined;
  if (!Array.isArray(matrix) || matrix.length !== 10) fail('its confusion matrix is not 10 × 10');
  const rows = matrix.map((row: unknown): number[] => {
    if (!Array.isArray(row) || row.length !== 10 || !row.every(isCount)) fail('its confusion matrix is not 10 × 10 counts');
    return row;
  });
  // An empty matrix would show "test NaN %".
  if (!rows.some((row) => row.some((count) => count > 0))) fail('its confusion matrix counts no image');
  return rows;
}

/** The run as a file: everything it recorded, in this app's own format. */
export function runJson(run: RunRecord): string {
  return JSON.stringify(run);
}

/**
 * Reads a run file, checking every field it keeps (nothing else is kept): a RunFileError
 * says what is wrong. Metrics are recomputed from the matrix rather than trusted.
 */
function checkedOrigin(value: unknown): RunOrigin {
  const origin = readOrigin(value);
  if (!origin) fail('where it started from is malformed');
  return origin;
}

export function parseRunFile(text: string): RunRecord {
  if (text.length > MAX_RUN_FILE_BYTES) fail(`it is larger than ${MAX_RUN_FILE_BYTES / 2 ** 20} MB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('it could not be read as JSON');
  }
  if (!isRecord(json) || json.format !== 'mnist-in-a-tab-run') fail('it is not a run exported by this app');
  if (json.version !== 1 && json.version !== 2 && json.version !== 3) fail('it comes from a version of this app that this one cannot read');
  const epochs = json.epochs;
  if (!Array.isArray(epochs) || epochs.length > RUN_BOUNDS.epochs) fail('its epochs are malformed');
  const engines = json.engines;
  if (!Array.isArray(engines) || engines.length > 20 || !engines.every(isString)) fail('its engines are malformed');
  const state = field(json, 'state', isState, 'running, done, stopped or failed');
  const savedModel = isRecord(json.savedModel)
    ? { id: field(json.savedModel, 'id', isString, 'a name'), name: field(json.savedModel, 'name', isString, 'a name') }
    : null;
  const settings = readSettings(json.settings);
  const batchLoss = readLosses(json.batchLoss);
  const run: RunRecord = {
    format: 'mnist-in-a-tab-run',
    version: 3,
    id: field(json, 'id', (value): value is string => isString(value) && /^[\w.-]{1,64}$/.test(value), 'a run name like 20261125-134501'),
    name: field(json, 'name', (value): value is string => isString(value) && value.trim() !== '', 'a name of 1 to 200 characters'),
    // A run that was under way when it was exported did not finish.
    state: state === 'running' ? 'stopped' : state,
    startedAt: field(json, 'startedAt', (value): value is string => isString(value) && !Number.isNaN(Date.parse(value)), 'a date'),
    seconds: field(json, 'seconds', nonNegative, 'a time of 0 or more'),
    settings,
    // As many epochs as it ran, at least: "50/1 epochs" is no run this app makes.
    plannedEpochs: field(
      json,
      'plannedEpochs',
      (value): value is number => positiveCount(value) && value >= epochs.length,
      `a count of at least the ${epochs.length} epochs it holds`,
    ),
    engines,
    device: field(json, 'device', isString, 'a name'),
    from: field(json, 'from', isNullableString, 'a name'),
    // A file from before origins were kept says where it started in words only.
    origin: json.origin === undefined ? originOfWords(isString(json.from) ? json.from : null) : checkedOrigin(json.origin),
    epochs: epochs.map(readEpoch),
    batchLoss,
    // A file from before learning rates were kept trained at a constant rate.
    learningRates: json.learningRates === undefined ? flatSeries(batchLoss, settings.learningRate) : readLosses(json.learningRates),
    histograms: readHistograms(json.histograms ?? []),
    evaluation: null,
    savedModel,
    message: field(json, 'message', isNullableString, 'a sentence'),
  };
  const matrix = readMatrix(json.evaluation);
  return matrix ? setEvaluation(run, matrix) : run;
}
