import { originOfWords, readOrigin, type RunOrigin } from './origin';
import { MAX_MY_DIGITS, type MyDigitsUse } from '../../ml/data/myDigits';
import type { EpochLog } from '../../ml/training/train';
import { isRecord } from '../../ml/json';
import {
  EMPTY_LOSSES,
  MAX_LOSS_POINTS,
  RUN_BOUNDS,
  flatSeries,
  setEvaluation,
  setMyEvaluation,
  type LossSeries,
  type RunHistograms,
  type RunRecord,
  type RunState,
} from './record';
import { RunFileError, fail, field, finite, isCount, isNullableString, isString, nonNegative, positiveCount, share } from './runFileFields';
import { allowed, readSettings, wholeRange } from './runFileSettings';

export { RunFileError };

/** A run file bigger than this is not one of ours (a 1,000-epoch run is far smaller). */
export const MAX_RUN_FILE_BYTES = 5 * 2 ** 20;

const isState = (value: unknown): value is RunState => value === 'running' || value === 'done' || value === 'stopped' || value === 'failed';

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

/** A confusion matrix of 10 × 10 counts, not empty (`what` names it in the sentence); null where the run has none. */
function readMatrix(value: unknown, what: string): number[][] | null {
  if (value === null || value === undefined) return null;
  const matrix = isRecord(value) ? value.matrix : undefined;
  if (!Array.isArray(matrix) || matrix.length !== 10) fail(`${what} is not 10 × 10`);
  const rows = matrix.map((row: unknown): number[] => {
    if (!Array.isArray(row) || row.length !== 10 || !row.every(isCount)) fail(`${what} is not 10 × 10 counts`);
    return row;
  });
  // An empty matrix would show "test NaN %".
  if (!rows.some((row) => row.some((count) => count > 0))) fail(`${what} counts no image`);
  return rows;
}

const isFingerprint = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{8}$/.test(value);

/** The digits of mine a run trained with: none (null, or a file from before them), or as many as can be kept, repeated as the form allows. */
function readMyDigits(value: unknown): MyDigitsUse | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) fail('its my digits are not null or a count, a repeat and a fingerprint');
  const at = <T>(key: keyof MyDigitsUse, check: (figure: unknown) => figure is T, what: string): T => {
    const figure = value[key];
    if (!check(figure)) fail(`its my digits' ${key} is not ${what}`);
    return figure;
  };
  return {
    count: at(
      'count',
      (figure): figure is number => positiveCount(figure) && figure <= MAX_MY_DIGITS,
      `a whole number from 1 to ${MAX_MY_DIGITS}`,
    ),
    repeat: at('repeat', allowed('myRepeat'), wholeRange('myRepeat')),
    fingerprint: at('fingerprint', isFingerprint, 'eight hex digits'),
  };
}

/** The run as a file: everything it recorded, in this app's own format. */
export function runJson(run: RunRecord): string {
  return JSON.stringify(run);
}

function checkedOrigin(value: unknown): RunOrigin {
  const origin = readOrigin(value);
  if (!origin) fail('where it started from is malformed');
  return origin;
}

/** The versions of the format this app reads: earlier ones lack what was added since, read as what they trained with. */
const READABLE_VERSIONS: readonly unknown[] = [1, 2, 3, 4];

/**
 * Reads a run file, checking every field it keeps (nothing else is kept): a RunFileError
 * says what is wrong. Metrics are recomputed from the matrices rather than trusted.
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
  if (!READABLE_VERSIONS.includes(json.version)) fail('it comes from a version of this app that this one cannot read');
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
    version: 4,
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
    // A file from before my digits trained on MNIST alone, and was never scored on them.
    myDigits: readMyDigits(json.myDigits),
    myEvaluation: null,
    savedModel,
    message: field(json, 'message', isNullableString, 'a sentence'),
  };
  const matrix = readMatrix(json.evaluation, 'its confusion matrix');
  const mine = readMatrix(json.myEvaluation, 'its confusion matrix on my digits');
  const evaluated = matrix ? setEvaluation(run, matrix) : run;
  return mine ? setMyEvaluation(evaluated, mine) : evaluated;
}
