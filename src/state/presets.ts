import type { TrainConfig } from '../ml/training/train';
import { NOTEBOOK_RECIPE, SETTINGS, draftOf } from './settings';
import { isOneOf } from '../ml/choices';

/**
 * One click each: the notebook's recipe, and a better one for the same network, chosen
 * by measurement (docs/design.md has the figures): a one-cycle learning rate that peaks
 * at 0.01, and every training image rotated, zoomed and shifted a little each epoch.
 */
export const PRESETS = {
  notebook: NOTEBOOK_RECIPE,
  improved: { ...NOTEBOOK_RECIPE, schedule: 'one-cycle', learningRate: 0.01, rotation: 10, zoom: 10, shift: 2 },
} as const satisfies Record<string, TrainConfig>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES: readonly PresetName[] = ['notebook', 'improved'];

export function isPresetName(value: string): value is PresetName {
  return isOneOf(PRESET_NAMES, value);
}

export const PRESET_TITLES: Readonly<Record<PresetName, string>> = { notebook: 'Notebook', improved: 'Improved' };

/** What each preset sets and why, with what it measured (the README's recipe table: wasm, seeds 42, 1 and 2). */
export const PRESET_NOTES: Readonly<Record<PresetName, string>> = {
  notebook: 'Adam at a constant 0.001, batch 128, 5 epochs, the images as they are: the notebook’s own, 98.30 % test accuracy on average.',
  improved:
    'The same, but the learning rate rises to 0.01 and falls again (one-cycle), and each epoch every image is rotated up to ±10°, zoomed up to ±10 % and shifted up to ±2 pixels: 99.00 % on average, a third fewer mistakes.',
};

/**
 * What makes a recipe. The seed and the amount of data are not part of it: two seeds of one
 * preset, or a quick try on fewer images, are still that preset's recipe.
 */
const RECIPE_KEYS = [
  'epochs',
  'batchSize',
  'optimizer',
  'learningRate',
  'schedule',
  'rotation',
  'zoom',
  'shift',
] as const satisfies readonly (keyof TrainConfig)[];

/** The preset whose recipe these settings are, or null for a recipe of one's own. */
export function presetOf(config: TrainConfig): PresetName | null {
  return PRESET_NAMES.find((name) => sameRecipe(PRESETS[name], config)) ?? null;
}

/** The same recipe: every key alike, and the decay too where a step schedule uses it. */
export function sameRecipe(a: TrainConfig, b: TrainConfig): boolean {
  return RECIPE_KEYS.every((key) => a[key] === b[key]) && (a.schedule !== 'step' || a.lrDecay === b.lrDecay);
}

/** A preset's recipe as URL parameters (the bench's `--preset`), without the data sizes and the seed. */
export function recipeParams(name: PresetName): Record<string, string> {
  const draft = draftOf({ backend: null, train: PRESETS[name] });
  const keys = ['batchSize', 'optimizer', 'learningRate', 'schedule', 'lrDecay', 'rotation', 'zoom', 'shift'] as const;
  return Object.fromEntries(keys.map((key) => [SETTINGS[key].param, draft[key]]));
}
