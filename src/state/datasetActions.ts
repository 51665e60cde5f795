import type { DatasetFailure } from '../ml/data/data';
import { appStore } from './store';
import type { DatasetPhase, DatasetSummary } from '../worker/protocol';

export function datasetLoading(): void {
  appStore.setState({ dataset: { state: 'loading', phase: 'manifest', fraction: 0 } });
}

export function datasetProgress(phase: DatasetPhase, fraction: number): void {
  const { dataset } = appStore.getState();
  if (dataset.state !== 'loading') return;
  appStore.setState({ dataset: { ...dataset, phase, fraction } });
}

/** readyMs counts from navigation start (performance.now()), so it includes the page's own start-up. */
export function datasetReady(summary: DatasetSummary, now = performance.now()): void {
  appStore.setState({ dataset: { state: 'ready', summary, readyMs: now } });
}

export function datasetFailed(failure: DatasetFailure, message: string): void {
  appStore.setState({ dataset: { state: 'error', failure, message } });
}
