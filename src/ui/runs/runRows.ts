import { augments } from '../../ml/data/augment';
import { validationText } from '../../ml/data/validation';
import { netText, sameNetwork } from '../../ml/network/netText';
import { NOTEBOOK_NETWORK, type NetworkConfig } from '../../ml/network/network';
import { planNetwork } from '../../ml/network/plan';
import type { TrainConfig } from '../../ml/training/train';
import { PRESET_TITLES, presetOf } from '../../state/presets';
import type { RunRecord } from '../../state/runs/record';
import { count, percent, seconds } from '../format';

/** One row of the comparison table: a label, and each run's value as text. */
export interface CompareRow {
  readonly label: string;
  readonly values: readonly string[];
  /** True when the runs do not all agree. */
  readonly differs: boolean;
}

type Column = readonly [string, (run: RunRecord) => string];

const meanMsPerStep = (run: RunRecord): number =>
  run.epochs.length === 0 ? Number.NaN : run.epochs.reduce((sum, log) => sum + log.msPerStep, 0) / run.epochs.length;

const orDash = (value: number | undefined, show: (n: number) => string): string =>
  value === undefined || Number.isNaN(value) ? '—' : show(value);

/** The preset a run's recipe is, if any. */
export function recipeTitle(settings: TrainConfig): string {
  const preset = presetOf(settings);
  return preset ? PRESET_TITLES[preset] : 'own';
}

function scheduleText({ schedule, lrDecay }: TrainConfig): string {
  switch (schedule) {
    case 'constant':
    case 'one-cycle':
      return schedule;
    case 'step':
      return `step ×${lrDecay} per epoch`;
  }
}

/** A run's augmentation in a few words, or "none". */
export function augmentText(settings: TrainConfig): string {
  return augments(settings) ? `±${settings.rotation}°, ±${settings.zoom} %, ±${settings.shift} px` : 'none';
}

/** A network's name where it is the notebook's, else its `net` text. */
export function networkTitle(network: NetworkConfig): string {
  return sameNetwork(network, NOTEBOOK_NETWORK) ? `notebook (${netText(network)})` : netText(network);
}

/** The digits of mine a run trained with: how many, each how often an epoch, and which set ("16 × 10 · a1b2c3d4"). */
export function myDigitsText(run: RunRecord): string {
  const mine = run.myDigits;
  return mine ? `${count(mine.count)} × ${mine.repeat} · ${mine.fingerprint}` : 'none';
}

/** Its accuracy on my held-out digits and how many they were ("75.0 % of 4 held out"); a dash where never scored on them. */
export function myAccuracyText(run: RunRecord): string {
  const summary = run.myEvaluation?.summary;
  // Held-out digits are few (tens, as a rule): a tenth of a percent is precision enough.
  return summary ? `${percent(summary.accuracy, 1)} of ${count(summary.total)} held out` : '—';
}

/** Parameters of a run's network (its plan: runs only keep trainable networks). */
function parameters(network: NetworkConfig): string {
  const planned = planNetwork(network);
  return planned.ok ? count(planned.plan.totalParams) : '—';
}

export const SETTING_ROWS: readonly Column[] = [
  ['Network', (run) => networkTitle(run.settings.network)],
  ['Parameters', (run) => parameters(run.settings.network)],
  ['Recipe', (run) => recipeTitle(run.settings)],
  ['Epochs', (run) => `${run.epochs.length} of ${run.plannedEpochs}`],
  ['Batch size', (run) => count(run.settings.batchSize)],
  ['Learning rate (one-cycle: its peak)', (run) => String(run.settings.learningRate)],
  ['Optimizer', (run) => run.settings.optimizer],
  ['Schedule', (run) => scheduleText(run.settings)],
  ['Augmentation', (run) => augmentText(run.settings)],
  ['Training images', (run) => count(run.settings.trainSize)],
  ['Test images', (run) => count(run.settings.testSize)],
  ['Validated on', (run) => validationText(run.settings)],
  ['My digits trained on', myDigitsText],
  ['Seed', (run) => String(run.settings.seed)],
  ['Engine', (run) => run.engines.join(' → ')],
  ['Started from', (run) => run.from ?? 'fresh weights'],
];

export const RESULT_ROWS: readonly Column[] = [
  // A run's evaluation is its last validation: on the test set, or on its held-out images.
  ['Validation accuracy', (run) => orDash(run.evaluation?.summary.accuracy, (n) => percent(n))],
  ['MAE', (run) => orDash(run.evaluation?.summary.meanAbsoluteError, (n) => n.toFixed(4))],
  ['MSE', (run) => orDash(run.evaluation?.summary.meanSquaredError, (n) => n.toFixed(4))],
  ['Off-diagonal mass', (run) => orDash(run.evaluation?.summary.offDiagonalMass, (n) => percent(n))],
  // Scored beside the validation, never in its place: my held-out digits after the run's last epoch.
  ['My digits accuracy', myAccuracyText],
  ['Time', (run) => seconds(run.seconds)],
  ['ms/step', (run) => orDash(meanMsPerStep(run), (n) => n.toFixed(1))],
  ['State', (run) => run.state],
];

export function compareRows(columns: readonly Column[], runs: readonly RunRecord[]): CompareRow[] {
  return columns.map(([label, value]) => {
    const values = runs.map(value);
    return { label, values, differs: new Set(values).size > 1 };
  });
}

/** One line that says what a run was: its settings and how it ended. */
export function runSummary(run: RunRecord): string {
  const on = run.settings.validation === 'test' ? 'test' : 'val';
  const accuracy = run.evaluation ? ` · ${on} ${percent(run.evaluation.summary.accuracy)}` : '';
  const mine = run.myDigits ? ` · with ${count(run.myDigits.count)} of my digits ×${run.myDigits.repeat}` : '';
  const mineAccuracy = run.myEvaluation ? ` · my held-out digits ${percent(run.myEvaluation.summary.accuracy, 1)}` : '';
  const { learningRate, optimizer, batchSize } = run.settings;
  const network = sameNetwork(run.settings.network, NOTEBOOK_NETWORK) ? '' : `${netText(run.settings.network)} · `;
  return `${network}${recipeTitle(run.settings)} recipe · ${optimizer} ${learningRate} ${scheduleText(run.settings)} · batch ${batchSize}${mine} · ${run.epochs.length}/${run.plannedEpochs} epochs${accuracy}${mineAccuracy} · ${seconds(run.seconds)} · ${run.engines.join(' → ')}`;
}
