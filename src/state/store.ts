import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DatasetFailure } from '../ml/data';
import type { DatasetPhase, DatasetSummary } from '../worker/protocol';

export type DatasetView =
  | { state: 'loading'; phase: DatasetPhase; fraction: number; startedAt: number }
  | { state: 'ready'; summary: DatasetSummary; readyMs: number }
  | { state: 'error'; failure: DatasetFailure; message: string };

export interface AppState {
  dataset: DatasetView;
}

export function initialState(now = performance.now()): AppState {
  return { dataset: { state: 'loading', phase: 'manifest', fraction: 0, startedAt: now } };
}

/** One vanilla store: the worker client writes it without hooks, components read it narrowly. */
export const appStore = createStore<AppState>()(() => initialState());

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
