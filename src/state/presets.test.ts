import { describe, expect, it } from 'vitest';
import { PRESETS, presetOf, recipeParams } from './presets';
import { NOTEBOOK_RECIPE } from './settings';
import { readParams } from './settingsUrl';

describe('presets', () => {
  it('the notebook preset is the notebook’s recipe; the improved one differs only in its schedule, rate and augmentation', () => {
    expect(PRESETS.notebook).toEqual(NOTEBOOK_RECIPE);
    const notebook = new Map<string, unknown>(Object.entries(NOTEBOOK_RECIPE));
    const differs = Object.entries(PRESETS.improved).filter(([key, value]) => notebook.get(key) !== value);
    expect(differs.map(([key]) => key).sort()).toEqual(['learningRate', 'rotation', 'schedule', 'shift', 'zoom']);
  });

  it('fine-tunes on my digits: one epoch at a low rate, augmented, my digits repeated; a recipe apart from the notebook’s', () => {
    expect(PRESETS.fineTune).toMatchObject({ epochs: 1, myDigits: true, myRepeat: 50, optimizer: 'adam', schedule: 'constant' });
    expect(PRESETS.fineTune.learningRate).toBeLessThan(NOTEBOOK_RECIPE.learningRate);
    expect(presetOf(PRESETS.fineTune)).toBe('fineTune');
    // My digits, and how often they repeat, are part of a recipe; the share held out is a way of measuring, as validation is.
    expect(presetOf({ ...NOTEBOOK_RECIPE, myDigits: true })).toBeNull();
    expect(presetOf({ ...PRESETS.fineTune, myRepeat: 10 })).toBeNull();
    expect(presetOf({ ...PRESETS.fineTune, myHoldOut: 0.5, trainSize: 1000 })).toBe('fineTune');
    // Off, the repeat does not matter.
    expect(presetOf({ ...NOTEBOOK_RECIPE, myRepeat: 10 })).toBe('notebook');
  });

  it('names the recipe of a run whatever its seed and amount of data, and none once a recipe setting changes', () => {
    expect(presetOf(NOTEBOOK_RECIPE)).toBe('notebook');
    expect(presetOf({ ...PRESETS.improved, seed: 7 })).toBe('improved');
    expect(presetOf({ ...PRESETS.improved, rotation: 5 })).toBeNull();
    expect(presetOf({ ...NOTEBOOK_RECIPE, trainSize: 1000 })).toBe('notebook');
    expect(presetOf({ ...NOTEBOOK_RECIPE, epochs: 10 })).toBeNull();
  });

  it('writes a recipe as URL parameters that read back as that recipe', () => {
    const search = `?${new URLSearchParams(recipeParams('improved')).toString()}`;
    const { config, problems } = readParams(search);
    expect(problems).toEqual([]);
    expect(config.train).toEqual(PRESETS.improved);
  });
});
