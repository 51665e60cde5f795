import { originWords, type RunOrigin } from './origin';
import type { Histogram } from '../../ml/training/histogram';
import { summarizeConfusion, type ConfusionMatrix, type ConfusionSummary } from '../../ml/training/metrics';
import type { MyDigitsConfig, MyDigitsUse } from '../../ml/data/myDigits';
import type { EpochLog, TrainConfig } from '../../ml/training/train';
import { sameNetwork } from '../../ml/network/netText';
import { sameRecipe } from '../presets';

/**
 * A run: one training, as the notebook logs one to a TensorBoard directory. It starts
 * with the first Train after a Reset (or after its settings change) and Continue extends
 * it. Plain data only, so it stores in IndexedDB and exports as JSON as it is.
 */
export type RunState = 'running' | 'done' | 'stopped' | 'failed';

/**
 * One set of bounds for what a run holds, whether recorded here or read from a file, so that
 * anything the app exports imports back: epochs, epochs with histograms (past it they are
 * thinned, every other one kept), layers in one epoch's histograms, bins in one histogram.
 */
export const RUN_BOUNDS = { epochs: 10_000, histogramEpochs: 1_000, histogramLayers: 32, bins: 200 } as const;

/** Each layer's kernel after one epoch, as counts in bins over that epoch's own range. */
export interface RunHistograms {
  readonly epoch: number;
  readonly layers: readonly ({ readonly layer: string } & Histogram)[];
}

/** Every batch's loss (or learning rate), averaged over groups of `stride` batches so a long run stays ≤ MAX_LOSS_POINTS. */
export interface LossSeries {
  readonly stride: number;
  /** Point i averages batches i·stride + 1 to (i + 1)·stride of the run. */
  readonly points: readonly number[];
  /** Batches of a group not yet complete. */
  readonly partial: { readonly sum: number; readonly count: number };
}

export interface RunEvaluation {
  readonly matrix: ConfusionMatrix;
  readonly summary: ConfusionSummary;
}

export interface RunRecord {
  readonly format: 'mnist-in-a-tab-run';
  /**
   * 2 added the schedule, the augmentation and the learning rates; 4 my digits (the settings, what
   * the run trained with, its evaluation on the held-out ones). An earlier app refuses what it cannot read.
   */
  readonly version: 4;
  /** TensorBoard's `YYYYMMDD-HHMMSS`, local time, with `-2`, `-3`… on a clash. */
  readonly id: string;
  readonly name: string;
  readonly state: RunState;
  /** ISO 8601. */
  readonly startedAt: string;
  /** Training time, evaluation after each epoch included. */
  readonly seconds: number;
  /** Epochs per click the run started with; `plannedEpochs` counts Continue too. */
  readonly settings: TrainConfig;
  readonly plannedEpochs: number;
  /** Every backend the run trained on, in order, and the device it started on. */
  readonly engines: readonly string[];
  readonly device: string;
  /** What the weights were before the run, in words (null for fresh ones), and as data. */
  readonly from: string | null;
  readonly origin: RunOrigin;
  readonly epochs: readonly EpochLog[];
  readonly batchLoss: LossSeries;
  /** The learning rate of every batch, kept the same way as the losses. */
  readonly learningRates: LossSeries;
  readonly histograms: readonly RunHistograms[];
  /** The evaluation after its last epoch. */
  readonly evaluation: RunEvaluation | null;
  /** My digits it trained with, as of its latest click of Train (null: none). */
  readonly myDigits: MyDigitsUse | null;
  /** Its evaluation on my held-out digits after its last epoch, where there were any. */
  readonly myEvaluation: RunEvaluation | null;
  readonly savedModel: { readonly id: string; readonly name: string } | null;
  /** Why it stopped or failed, in the words the page showed. */
  readonly message: string | null;
}

export const MAX_LOSS_POINTS = 2000;

export const EMPTY_LOSSES: LossSeries = { stride: 1, points: [], partial: { sum: 0, count: 0 } };

/** Adds batch losses, halving the resolution whenever the series would pass MAX_LOSS_POINTS. */
export function appendLosses(series: LossSeries, losses: readonly number[], max = MAX_LOSS_POINTS): LossSeries {
  let { stride, partial } = series;
  let points = [...series.points];
  for (const loss of losses) {
    partial = { sum: partial.sum + loss, count: partial.count + 1 };
    if (partial.count < stride) continue;
    points.push(partial.sum / partial.count);
    partial = { sum: 0, count: 0 };
    if (points.length >= max) {
      points = Array.from({ length: Math.floor(points.length / 2) }, (_, i) => ((points[2 * i] ?? 0) + (points[2 * i + 1] ?? 0)) / 2);
      stride *= 2;
    }
  }
  return { stride, points, partial };
}

/** The series as (batch, loss) pairs, each at the middle of its group, the incomplete group included. */
export function lossPoints(series: LossSeries): { batch: number; loss: number }[] {
  const middle = (i: number, size: number): number => i * series.stride + (size + 1) / 2;
  const points = series.points.map((loss, i) => ({ batch: middle(i, series.stride), loss }));
  if (series.partial.count > 0) {
    points.push({ batch: middle(series.points.length, series.partial.count), loss: series.partial.sum / series.partial.count });
  }
  return points;
}

/** TensorBoard's run name for a start time, made unique among `taken`. */
export function runIdFor(time: Date, taken: ReadonlySet<string>): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const base = `${time.getFullYear()}${two(time.getMonth() + 1)}${two(time.getDate())}-${two(time.getHours())}${two(time.getMinutes())}${two(time.getSeconds())}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export interface RunStart {
  readonly id: string;
  readonly config: TrainConfig;
  readonly plannedEpochs: number;
  readonly engine: string;
  readonly device: string;
  readonly origin: RunOrigin;
  readonly startedAt: Date;
  /** My digits the click trains with, as the worker announced them (null: none). */
  readonly myDigits: MyDigitsUse | null;
}

export function startRun(start: RunStart): RunRecord {
  return {
    format: 'mnist-in-a-tab-run',
    version: 4,
    id: start.id,
    name: start.id,
    state: 'running',
    startedAt: start.startedAt.toISOString(),
    seconds: 0,
    settings: start.config,
    plannedEpochs: start.plannedEpochs,
    engines: [start.engine],
    device: start.device,
    from: originWords(start.origin),
    origin: start.origin,
    epochs: [],
    batchLoss: EMPTY_LOSSES,
    learningRates: EMPTY_LOSSES,
    histograms: [],
    evaluation: null,
    myDigits: start.myDigits,
    myEvaluation: null,
    savedModel: null,
    message: null,
  };
}

/**
 * Continue: the same run goes on for `more` epochs, perhaps on another engine, with the digits of
 * mine this click trains with (the set may have grown or shrunk since; the settings are the same).
 */
export function extendRun(run: RunRecord, more: number, engine: string, myDigits: MyDigitsUse | null): RunRecord {
  const engines = run.engines[run.engines.length - 1] === engine ? run.engines : [...run.engines, engine];
  return { ...run, state: 'running', message: null, plannedEpochs: run.epochs.length + more, engines, myDigits };
}

export function addEpoch(run: RunRecord, log: EpochLog): RunRecord {
  return { ...run, epochs: [...run.epochs, log], seconds: run.seconds + log.seconds };
}

/**
 * One epoch's histograms added to those kept (replacing that epoch's, if any), within the
 * bounds: layers capped, and a long training's epochs spread over all of it (the first,
 * every other one after, the latest).
 */
export function keepHistograms(kept: readonly RunHistograms[], entry: RunHistograms): RunHistograms[] {
  let next = [...kept.filter((old) => old.epoch !== entry.epoch), { ...entry, layers: entry.layers.slice(0, RUN_BOUNDS.histogramLayers) }];
  if (next.length > RUN_BOUNDS.histogramEpochs) next = next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
  return next;
}

export function addHistograms(run: RunRecord, histograms: RunHistograms): RunRecord {
  return { ...run, histograms: keepHistograms(run.histograms, histograms) };
}

export function setEvaluation(run: RunRecord, matrix: ConfusionMatrix): RunRecord {
  return { ...run, evaluation: { matrix, summary: summarizeConfusion(matrix) } };
}

/** The run's latest evaluation on my held-out digits. */
export function setMyEvaluation(run: RunRecord, matrix: ConfusionMatrix): RunRecord {
  return { ...run, myEvaluation: { matrix, summary: summarizeConfusion(matrix) } };
}

export function endRun(run: RunRecord, state: Exclude<RunState, 'running'>, message: string | null = null): RunRecord {
  return { ...run, state, message };
}

/**
 * My digits make a different experiment where either trains with them: then how often each
 * repeats and the share held out (which decides the digits trained on) count too. Off, neither
 * changes what is trained.
 */
function sameMyDigits(a: MyDigitsConfig, b: MyDigitsConfig): boolean {
  return a.myDigits === b.myDigits && (!a.myDigits || (a.myRepeat === b.myRepeat && a.myHoldOut === b.myHoldOut));
}

/** The settings that make two runs different experiments (epochs per click aside: Continue changes those). */
export function sameExperiment(a: TrainConfig, b: TrainConfig): boolean {
  // My digits' settings are judged by sameMyDigits alone, whichever of them the recipe counts.
  const { epochs, myDigits, myRepeat, myHoldOut } = b;
  return (
    sameRecipe({ ...a, epochs, myDigits, myRepeat, myHoldOut }, b) &&
    sameMyDigits(a, b) &&
    sameNetwork(a.network, b.network) &&
    a.trainSize === b.trainSize &&
    a.testSize === b.testSize &&
    a.validation === b.validation &&
    (a.validation === 'test' || a.validationSplit === b.validationSplit) &&
    a.seed === b.seed
  );
}

/** A constant series in the shape of another: an earlier run's learning rate, batch for batch like its losses. */
export function flatSeries(shape: LossSeries, value: number): LossSeries {
  return {
    stride: shape.stride,
    points: shape.points.map(() => value),
    partial: { sum: value * shape.partial.count, count: shape.partial.count },
  };
}
