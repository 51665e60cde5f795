import type { MlClient } from './mlClient';
import { searchOf } from './settingsUrl';
import { appStore } from './store';

/**
 * What follows the settings outside the store: the address bar (a link reproduces them)
 * and the engine (choosing one moves the weights there).
 */
export function followSettings(client: MlClient): () => void {
  return appStore.subscribe((state, previous) => {
    if (state.config === previous.config) return;
    const query = searchOf(state.config);
    if (query !== window.location.search)
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}${window.location.hash}`);
    if (state.config.backend !== previous.config.backend && state.backend.state === 'ready') client.useBackend(state.config.backend);
  });
}
