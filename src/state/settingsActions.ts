import { appStore } from './store';
import { NOTEBOOK_RECIPE, checkDraft, draftOf, type Draft, type SettingName } from './settings';

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

/** The "Notebook recipe" button: the notebook's settings, the fastest engine. */
export function notebookRecipe(): void {
  applyDraft(draftOf({ backend: null, train: NOTEBOOK_RECIPE }));
}
