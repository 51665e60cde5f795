import type { FromWorker, ToWorker } from '../worker/protocol';
import { datasetFailed, datasetLoading, datasetProgress, datasetReady } from './datasetActions';
import { appStore } from './store';
import {
  backendFailed,
  backendReady,
  batchReceived,
  epochReceived,
  memoryReported,
  modelAnnounced,
  trainingEnded,
  trainingFailed,
  trainingRequested,
  trainingStarted,
  weightsReceived,
} from './trainingActions';

/** The page's handle on the ML worker: it sends requests and turns replies into store updates. */
export interface MlClient {
  loadDataset(): void;
  startBackend(): void;
  train(): void;
  stop(): void;
  reset(): void;
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
    case 'backend-ready':
      backendReady(message.backend);
      return;
    case 'backend-error':
      backendFailed(message.message);
      return;
    case 'model':
      modelAnnounced(message.layers, message.totalParams, message.epochsDone);
      return;
    case 'weights':
      weightsReceived(message.epoch, message.layers);
      return;
    case 'train-started':
      trainingStarted(message.firstEpoch, message.lastEpoch, message.steps);
      return;
    case 'batch':
      batchReceived(message.report, message.losses, message.stepMs);
      return;
    case 'epoch':
      epochReceived(message.log);
      return;
    case 'train-end':
      trainingEnded(message.state, message.epochsDone, message.test);
      return;
    case 'train-error':
      trainingFailed(message.message);
      return;
    case 'memory':
      memoryReported(message.numTensors);
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
    const message = `The background worker failed: ${event.message || 'unknown error'}. Reload the page.`;
    datasetFailed('decode', message);
    backendFailed(message);
  });
  const config = () => appStore.getState().config;
  return {
    loadDataset() {
      datasetLoading();
      send({ type: 'load-dataset', manifestUrl });
    },
    startBackend() {
      send({ type: 'init', backend: config().backend, seed: config().train.seed });
    },
    train() {
      trainingRequested();
      send({ type: 'train', config: config().train });
    },
    stop() {
      send({ type: 'stop' });
    },
    reset() {
      send({ type: 'reset', seed: config().train.seed });
    },
  };
}
