import { netText } from '../../ml/network/netText';
import { validationText } from '../../ml/data/validation';
import { presetOf } from '../../state/presets';
import type { RunRecord } from '../../state/runs/record';

/*
 * Runs named by what differs between them ("lr 0.01", "improved", "c16-p-…"), as a reader of a
 * legend wants them, rather than by four time stamps that differ in their last digits. The time
 * stamp stays the run's id, shown as the tooltip.
 */

/** One thing a run's settings can differ in, as a short label piece. */
type Facet = (run: RunRecord) => string;

const NETWORK_CHARS = 14;

const network: Facet = (run) => {
  const text = netText(run.settings.network);
  return text.length > NETWORK_CHARS ? `${text.slice(0, NETWORK_CHARS)}…` : text;
};

/** The preset's name says its whole recipe: used when every run is one preset or another. */
const preset: Facet = (run) => presetOf(run.settings) ?? 'own recipe';

const RECIPE: readonly Facet[] = [
  (run) => run.settings.optimizer,
  (run) => `lr ${run.settings.learningRate}`,
  (run) => run.settings.schedule,
  (run) => `batch ${run.settings.batchSize}`,
  (run) => `rot ${run.settings.rotation}`,
  (run) => `zoom ${run.settings.zoom}`,
  (run) => `shift ${run.settings.shift}`,
];

/** Whether a run trained with my digits, and how often each joined an epoch: it changes what was learnt as much as the recipe. */
const myDigits: Facet = (run) => (run.myDigits ? `my digits ×${run.myDigits.repeat}` : 'MNIST only');

/** How many of my digits: told apart only among runs that all trained with some (else `myDigits` says it). */
const mySet: Facet = (run) => `${run.myDigits?.count.toLocaleString('en-GB') ?? 0} of mine`;

const OTHERS: readonly Facet[] = [
  (run) => `${run.settings.trainSize.toLocaleString('en-GB')} images`,
  (run) => `val ${validationText(run.settings)}`,
  (run) => `seed ${run.settings.seed}`,
  (run) => (run.origin.kind === 'fresh' ? 'fresh' : 'continued'),
];

/** At most this many pieces a label: past that it reads as a settings table. */
const MAX_PIECES = 3;

/**
 * Each run's label among `runs`: its name where the person renamed it, else the pieces in which
 * the runs differ (the first three), else its id; a label two runs would share takes the time.
 */
export function runLabels(runs: readonly RunRecord[]): string[] {
  const presets = runs.every((run) => presetOf(run.settings) !== null);
  const allMine = runs.every((run) => run.myDigits !== null);
  const facets = [network, ...(presets ? [preset] : RECIPE), myDigits, ...(allMine ? [mySet] : []), ...OTHERS];
  const differing = facets.filter((facet) => new Set(runs.map(facet)).size > 1);
  const labels = runs.map((run) => {
    if (run.name !== run.id) return run.name;
    const pieces = differing.slice(0, MAX_PIECES).map((facet) => facet(run));
    return pieces.length > 0 ? pieces.join(' · ') : run.id;
  });
  return labels.map((label, i) => {
    const run = runs[i];
    const shared = labels.filter((other) => other === label).length > 1;
    return shared && run && label !== run.id ? `${label} (${run.id.slice(9)})` : label;
  });
}
