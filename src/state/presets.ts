import type { TrainConfig } from '../ml/training/train';
import { NOTEBOOK_RECIPE, SETTINGS, draftOf } from './settings';
import { isOneOf } from '../ml/choices';

/**
 * One click each: the notebook's recipe, and a better one for the same network, chosen
 * by measurement (docs/design.md has the figures): a one-cycle learning rate that peaks
 * at 0.01, and every training image rotated, zoomed and shifted a little each epoch. And
 * a short lesson in my handwriting for the weights in memory: Train goes on from them.
 */
export const PRESETS = {
  notebook: NOTEBOOK_RECIPE,
  improved: { ...NOTEBOOK_RECIPE, schedule: 'one-cycle', learningRate: 0.01, rotation: 10, zoom: 10, shift: 2 },
  fineTune: { ...NOTEBOOK_RECIPE, epochs: 1, learningRate: 0.0003, rotation: 10, zoom: 10, shift: 2, myDigits: true, myRepeat: 50 },
} as const satisfies Record<string, TrainConfig>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES: readonly PresetName[] = ['notebook', 'improved', 'fineTune'];

export function isPresetName(value: string): value is PresetName {
  return isOneOf(PRESET_NAMES, value);
}

export const PRESET_TITLES: Readonly<Record<PresetName, string>> = { notebook: 'Notebook', improved: 'Improved', fineTune: 'Fine-tune' };

/** What each preset's button says. */
export const PRESET_BUTTONS: Readonly<Record<PresetName, string>> = {
  notebook: 'Notebook recipe',
  improved: 'Improved recipe',
  fineTune: 'Fine-tune on my digits',
};

/** What each preset sets and why, with what it measured (the README's recipe table: wasm, seeds 42, 1 and 2). */
export const PRESET_NOTES: Readonly<Record<PresetName, string>> = {
  notebook: 'Adam at a constant 0.001, batch 128, 5 epochs, the images as they are: the notebook’s own, 98.30 % test accuracy on average.',
  improved:
    'The same, but the learning rate rises to 0.01 and falls again (one-cycle), and each epoch every image is rotated up to ±10°, zoomed up to ±10 % and shifted up to ±2 pixels: 99.00 % on average, a third fewer mistakes.',
  fineTune:
    'One more epoch from the weights in memory, at a low learning rate (Adam at 0.0003), with my digits that are not held out joining MNIST’s 60,000, each 50 times and augmented like the improved recipe: the network learns your handwriting without forgetting MNIST’s.',
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

/** The same recipe: every key alike, the decay too where a step schedule uses it, and my digits' repeat where they join. */
export function sameRecipe(a: TrainConfig, b: TrainConfig): boolean {
  return (
    RECIPE_KEYS.every((key) => a[key] === b[key]) &&
    (a.schedule !== 'step' || a.lrDecay === b.lrDecay) &&
    a.myDigits === b.myDigits &&
    (!a.myDigits || a.myRepeat === b.myRepeat)
  );
}

/** A preset's recipe as URL parameters (the bench's `--preset`), without the data sizes and the seed. */
export function recipeParams(name: PresetName): Record<string, string> {
  const draft = draftOf({ backend: null, train: PRESETS[name] });
  const keys = ['batchSize', 'optimizer', 'learningRate', 'schedule', 'lrDecay', 'rotation', 'zoom', 'shift'] as const;
  return Object.fromEntries(keys.map((key) => [SETTINGS[key].param, draft[key]]));
}
