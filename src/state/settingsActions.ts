import { netText, sameNetwork } from '../ml/network/netText';
import type { NetworkConfig } from '../ml/network/network';
import { appStore } from './store';
import { PRESETS, type PresetName } from './presets';
import { checkDraft, draftOf, type ChartView, type Draft, type SettingName } from './settings';

function applyDraft(draft: Draft): void {
  const { config, settings } = appStore.getState();
  const checked = checkDraft(draft);
  appStore.setState({
    settings: { ...settings, draft, errors: checked.errors },
    // Only valid settings take effect: Train stays disabled until every field is right.
    ...(checked.config ? { config: { ...config, ...checked.config } } : {}),
  });
}

/**
 * Trained weights came into memory (restored, loaded, uploaded): the Network field follows
 * them, so Train goes on training them rather than starting another network afresh. Fresh
 * weights never move it (they are of the field's network, or the person is typing another),
 * and neither does what a page whose address chose the network starts with.
 */
export function networkAnnounced(network: NetworkConfig, trained: boolean): void {
  const { config, settings } = appStore.getState();
  if (!trained || settings.addressNetwork) return;
  if (!sameNetwork(config.train.network, network)) settingEdited('network', netText(network));
}

/** The page has what it starts with (the saved models are listed after the last visit's weights came back). */
export function startingModelSettled(): void {
  const { settings } = appStore.getState();
  if (settings.addressNetwork) appStore.setState({ settings: { ...settings, addressNetwork: false } });
}

/** The person typed or chose something in one field. */
export function settingEdited(name: SettingName, text: string): void {
  applyDraft({ ...appStore.getState().settings.draft, [name]: text });
}

/**
 * A preset's button ("Notebook recipe", "Improved recipe", "Fine-tune on my digits"): the recipe on the whole dataset. The
 * network, the seed and the engine stay as they are, so one seed or network can be tried with
 * each recipe, and the weights do not move to another engine.
 */
export function applyPreset(name: PresetName): void {
  const { draft } = appStore.getState().settings;
  // Where runs are validated, and which of my digits are held out, is the learner's way of measuring, not part of a recipe: it stays.
  const { network, seed, engine, validation, validationSplit, myHoldOut } = draft;
  applyDraft({ ...draftOf({ backend: null, train: PRESETS[name] }), network, seed, engine, validation, validationSplit, myHoldOut });
}

/** How the batch curves are drawn: the address keeps it, a run does not. */
export function chartViewChanged(change: Partial<ChartView>): void {
  const { config } = appStore.getState();
  appStore.setState({ config: { ...config, chartView: { ...config.chartView, ...change } } });
}
