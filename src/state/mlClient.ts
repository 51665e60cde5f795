import type { FromWorker, ToWorker } from '../worker/protocol';
import { datasetFailed, datasetLoading, datasetProgress, datasetReady } from './datasetActions';

/** The page's handle on the ML worker: it sends requests and turns replies into store updates. */
export interface MlClient {
  loadDataset(): void;
}

function dispatch(message: FromWorker): void {
  switch (message.type) {
    case 'dataset-progress':
      datasetProgress(message.phase, message.fraction);
      return;
    case 'dataset-ready':
      datasetReady(message.summary);
      return;
    case 'dataset-error':
      datasetFailed(message.failure, message.message);
      return;
  }
}

export function createMlClient(manifestUrl: string): MlClient {
  const worker = new Worker(new URL('../worker/ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' });
  const send = (message: ToWorker): void => {
    worker.postMessage(message);
  };
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    dispatch(event.data);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    datasetFailed('decode', `The background worker failed to start: ${event.message || 'unknown error'}. Reload the page.`);
  });
  return {
    loadDataset() {
      datasetLoading();
      send({ type: 'load-dataset', manifestUrl });
    },
  };
}
