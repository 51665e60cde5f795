import { isOptimizerName } from '../../ml/model';
import { isScheduleName, type ScheduleName } from '../../ml/schedule';
import type { EpochLog, TrainConfig } from '../../ml/train';
import { SETTINGS } from '../settings';
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

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
/** A number the settings form would take for this field. */
function allowed(name: 'learningRate' | 'lrDecay' | 'rotation' | 'zoom' | 'shift'): (value: unknown) => value is number {
  const { rule } = SETTINGS[name];
  return (value): value is number => finite(value) && rule.kind !== 'choice' && value >= rule.min && value <= rule.max;
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
    epochs: field(value, 'epochs', isCount, 'a count'),
    batchSize: field(value, 'batchSize', isCount, 'a count'),
    learningRate: field(value, 'learningRate', allowed('learningRate'), 'a learning rate from 0.000001 to 1'),
    trainSize: field(value, 'trainSize', isCount, 'a count'),
    testSize: field(value, 'testSize', isCount, 'a count'),
    seed: field(value, 'seed', isCount, 'a count'),
    optimizer,
    schedule: added(value, 'schedule', isSchedule, 'a learning-rate schedule this app knows', EARLIER_RECIPE.schedule),
    lrDecay: added(value, 'lrDecay', allowed('lrDecay'), 'a factor from 0.01 to 1', EARLIER_RECIPE.lrDecay),
    rotation: added(value, 'rotation', allowed('rotation'), 'from 0 to 45 degrees', EARLIER_RECIPE.rotation),
    zoom: added(value, 'zoom', allowed('zoom'), 'from 0 to 50 %', EARLIER_RECIPE.zoom),
    shift: added(value, 'shift', allowed('shift'), 'from 0 to 8 pixels', EARLIER_RECIPE.shift),
  };
}

const EPOCH_KEYS = ['epoch', 'lastEpoch', 'steps', 'seconds', 'msPerStep', 'loss', 'accuracy', 'valLoss', 'valAccuracy'] as const;

function readEpoch(value: unknown, index: number): EpochLog {
  if (!isRecord(value)) fail(`epoch ${index + 1} is malformed`);
  const numbers = EPOCH_KEYS.map((key) => field(value, key, finite, 'a number'));
  const [epoch = 0, lastEpoch = 0, steps = 0, seconds = 0, msPerStep = 0, loss = 0, accuracy = 0, valLoss = 0, valAccuracy = 0] = numbers;
  return { epoch, lastEpoch, steps, seconds, msPerStep, loss, accuracy, valLoss, valAccuracy };
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
  return matrix.map((row: unknown) => {
    if (!Array.isArray(row) || row.length !== 10 || !row.every(isCount)) fail('its confusion matrix is not 10 × 10 counts');
    return row;
  });
}

/** The run as a file: everything it recorded, in this app's own format. */
export function runJson(run: RunRecord): string {
  return JSON.stringify(run);
}

/**
 * Reads a run file, checking every field it keeps (nothing else is kept): a RunFileError
 * says what is wrong. Metrics are recomputed from the matrix rather than trusted.
 */
export function parseRunFile(text: string): RunRecord {
  if (text.length > MAX_RUN_FILE_BYTES) fail(`it is larger than ${MAX_RUN_FILE_BYTES / 2 ** 20} MB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('it could not be read as JSON');
  }
  if (!isRecord(json) || json.format !== 'mnist-in-a-tab-run') fail('it is not a run exported by this app');
  if (json.version !== 1 && json.version !== 2) fail('it comes from a version of this app that this one cannot read');
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
    version: 2,
    id: field(json, 'id', (value): value is string => isString(value) && /^[\w.-]{1,64}$/.test(value), 'a run name like 20261125-134501'),
    name: field(json, 'name', isString, 'a name of at most 200 characters'),
    // A run that was under way when it was exported did not finish.
    state: state === 'running' ? 'stopped' : state,
    startedAt: field(json, 'startedAt', (value): value is string => isString(value) && !Number.isNaN(Date.parse(value)), 'a date'),
    seconds: field(json, 'seconds', finite, 'a number'),
    settings,
    plannedEpochs: field(json, 'plannedEpochs', isCount, 'a count'),
    engines,
    device: field(json, 'device', isString, 'a name'),
    from: field(json, 'from', isNullableString, 'a name'),
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
