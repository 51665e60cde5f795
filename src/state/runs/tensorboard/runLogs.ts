import { zipSync } from 'fflate';
import { kerasLayerNames } from '../../../ml/network/keras/kerasConfig';
import { planNetwork } from '../../../ml/network/plan';
import type { EpochLog } from '../../../ml/training/train';
import type { LossSeries, RunRecord } from '../record';
import { summaryEvent, versionEvent, type SummaryValue } from './events';
import { frameRecords } from './records';

/*
 * A run as Keras 3's TensorBoard callback logs one with histogram_freq=1, so that
 * `tensorboard --logdir logs/fit` shows the tab's runs beside the notebook's: per epoch (steps
 * from 0) the loss, accuracy and learning rate in train/ with a histogram of each kernel, and the
 * loss and accuracy in validation/, with the evaluation against optimiser steps.
 */

/** The host part of an event file's name: TensorBoard reads only `tfevents` in it. */
export const LOGS_HOST = 'mnist-in-a-tab';

/** A run's name as one path segment: what a file system and a zip take everywhere. */
export function runFolder(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe.slice(0, 80) || 'run';
}

/** The rate of batch `batch` (1-based in the run) from a series kept in groups of `stride`. */
export function rateAt(series: LossSeries, batch: number): number | null {
  const index = Math.floor((batch - 1) / series.stride);
  const point = series.points[index];
  if (point !== undefined) return point;
  return series.partial.count > 0 ? series.partial.sum / series.partial.count : (series.points[series.points.length - 1] ?? null);
}

interface Step {
  readonly log: EpochLog;
  readonly step: number;
  readonly wallTime: number;
  /** Optimiser steps of this run through this epoch. */
  readonly iterations: number;
}

function steps(run: RunRecord): Step[] {
  const start = Date.parse(run.startedAt) / 1000;
  let seconds = 0;
  let iterations = 0;
  return run.epochs.map((log) => {
    seconds += log.seconds;
    iterations += log.steps;
    return { log, step: log.epoch - 1, wallTime: start + seconds, iterations };
  });
}

/**
 * The name Keras gives each layer of the run's network (conv2d, conv2d_1…; tfjs' and this app's
 * are conv2d_1, conv2d_2…), so a histogram is tagged as the notebook's run tags the same layer.
 */
function kerasNameOf(run: RunRecord): (layer: string) => string {
  const result = planNetwork(run.settings.network);
  if (!result.ok) return (layer) => layer;
  const names = kerasLayerNames(result.plan.layers);
  const byName = new Map(result.plan.layers.map((layer, i) => [layer.name, names[i] ?? layer.name]));
  return (layer) => byName.get(layer) ?? layer;
}

function trainEvents(run: RunRecord, at: readonly Step[]): Uint8Array[] {
  const kerasName = kerasNameOf(run);
  return at.map(({ log, step, wallTime, iterations }) => {
    const rate =
      run.settings.schedule === 'constant'
        ? run.settings.learningRate
        : (rateAt(run.learningRates, iterations) ?? run.settings.learningRate);
    const histograms = run.histograms.find((entry) => entry.epoch === log.epoch)?.layers ?? [];
    const values: SummaryValue[] = [
      { kind: 'scalar', tag: 'epoch_loss', value: log.loss },
      { kind: 'scalar', tag: 'epoch_accuracy', value: log.accuracy },
      { kind: 'scalar', tag: 'epoch_learning_rate', value: rate },
      ...histograms.map(({ layer, min, max, counts }): SummaryValue => {
        const width = counts.length > 0 ? (max - min) / counts.length : 0;
        return {
          kind: 'histogram',
          tag: `sequential/${kerasName(layer)}/kernel/histogram`,
          rows: counts.map((count, i) => [min + i * width, min + (i + 1) * width, count] as const),
        };
      }),
    ];
    return summaryEvent(wallTime, step, values);
  });
}

function validationEvents(at: readonly Step[]): Uint8Array[] {
  return at.flatMap(({ log, step, wallTime, iterations }) => [
    summaryEvent(wallTime, step, [
      { kind: 'scalar', tag: 'epoch_loss', value: log.valLoss },
      { kind: 'scalar', tag: 'epoch_accuracy', value: log.valAccuracy },
    ]),
    summaryEvent(wallTime, iterations, [
      { kind: 'scalar', tag: 'evaluation_loss_vs_iterations', value: log.valLoss },
      { kind: 'scalar', tag: 'evaluation_accuracy_vs_iterations', value: log.valAccuracy },
    ]),
  ]);
}

/** The event file of one side of a run: its name, as TensorBoard's writer names it, and its bytes. */
function eventFile(run: RunRecord, events: Uint8Array[]): { name: string; bytes: Uint8Array } {
  const start = Date.parse(run.startedAt) / 1000;
  const name = `events.out.tfevents.${String(Math.floor(start)).padStart(10, '0')}.${LOGS_HOST}.v2`;
  return { name, bytes: frameRecords([versionEvent(start), ...events]) };
}

/** Every file of the runs' logs, by path under `logs/fit/<run>/`; runs of one name get -2, -3… */
export function logFiles(runs: readonly RunRecord[]): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const taken = new Set<string>();
  for (const run of runs) {
    let folder = runFolder(run.name);
    for (let n = 2; taken.has(folder); n++) folder = `${runFolder(run.name)}-${n}`;
    taken.add(folder);
    const at = steps(run);
    const train = eventFile(run, trainEvents(run, at));
    const validation = eventFile(run, validationEvents(at));
    files[`logs/fit/${folder}/train/${train.name}`] = train.bytes;
    files[`logs/fit/${folder}/validation/${validation.name}`] = validation.bytes;
  }
  return files;
}

/** The runs' logs in one zip, to unpack beside the notebook's `logs/fit`. */
export function logsZip(runs: readonly RunRecord[]): Uint8Array<ArrayBuffer> {
  // A copy on a buffer of its own: what a Blob takes (fflate's type allows a shared one).
  return new Uint8Array(zipSync(logFiles(runs), { level: 6 }));
}

/** What the download of one run's logs, or of several, is called. */
export function logsZipName(runs: readonly RunRecord[]): string {
  const [only] = runs;
  return runs.length === 1 && only ? `logs-${runFolder(only.name)}.zip` : `logs-${runs.length}-runs.zip`;
}
