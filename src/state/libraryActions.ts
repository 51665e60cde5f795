import type { ModelMeta } from '../ml/network/modelMeta';
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

export function libraryFailed(message: string, whileTraining = false): void {
  updateLibrary({ error: { message, whileTraining }, busy: false });
}

/** A run ended: a refusal that was only because of it no longer holds. */
export function libraryTrainingOver(): void {
  if (appStore.getState().library.error?.whileTraining) updateLibrary({ error: null });
}
