import { appStore } from './store';
import { PRESETS, type PresetName } from './presets';
import { checkDraft, draftOf, type Draft, type SettingName } from './settings';

function applyDraft(draft: Draft): void {
  const { config } = appStore.getState();
  const checked = checkDraft(draft);
  appStore.setState({
    settings: { draft, errors: checked.errors },
    // Only valid settings take effect: Train stays disabled until every field is right.
    ...(checked.config ? { config: { ...config, ...checked.config } } : {}),
  });
}

/** The person typed or chose something in one field. */
export function settingEdited(name: SettingName, text: string): void {
  applyDraft({ ...appStore.getState().settings.draft, [name]: text });
}

/**
 * A preset's button ("Notebook recipe", "Improved recipe"): the recipe on the whole dataset. The
 * seed and the engine stay as they are, so one seed can be tried with each recipe, and the weights
 * do not move to another engine.
 */
export function applyPreset(name: PresetName): void {
  const { draft } = appStore.getState().settings;
  applyDraft({ ...draftOf({ backend: null, train: PRESETS[name] }), seed: draft.seed, engine: draft.engine });
}
