import type { ModelMeta } from '../ml/persist';
import { appStore, type LibraryView } from './store';

function updateLibrary(change: Partial<LibraryView>): void {
  appStore.setState({ library: { ...appStore.getState().library, ...change } });
}

export function libraryBusy(): void {
  updateLibrary({ busy: true, error: null });
}

export function modelsListed(models: ModelMeta[], active: string | null): void {
  updateLibrary({ models, active, busy: false });
}

export function libraryFailed(message: string): void {
  updateLibrary({ error: message, busy: false });
}
