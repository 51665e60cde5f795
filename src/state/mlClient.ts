import type { FromWorker, Measurement, Prediction, ToWorker } from '../worker/protocol';
import { datasetFailed, datasetLoading, datasetProgress, datasetReady } from './datasetActions';
import { evaluationReceived } from './evaluationActions';
import { libraryBusy, libraryFailed, modelsListed } from './libraryActions';
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
  /** Class probabilities (and the convolutions' activations) for 784 pixel values in [0, 1]. */
  predict(pixels: Float32Array): Promise<Prediction>;
  measure(what: Measurement, steps?: number, batchSize?: number): Promise<number[]>;
  /** Evaluates the current weights on the configured test images. */
  evaluate(): void;
  /** 784 bytes per requested test image. */
  testImages(indices: number[]): Promise<Uint8Array>;
  saveModel(name: string | null): void;
  loadModel(id: string): void;
  deleteModel(id: string): void;
  exportModel(): Promise<ModelFiles>;
  /** Files already checked with checkModelFiles. */
  importModel(files: ModelFiles, name: string): void;
}

export interface ModelFiles {
  readonly modelJson: string;
  readonly weightData: ArrayBuffer;
}

type Reply = Prediction | Uint8Array | number[] | ModelFiles;

interface Pending {
  resolve(value: Reply): void;
  reject(error: Error): void;
}

/** Replies that answer one request, matched by id. */
class Requests {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  open<T extends Reply>(send: (id: number) => void): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      send(id);
    });
  }

  settle(id: number, outcome: { value: Reply } | { error: string }): void {
    const request = this.pending.get(id);
    this.pending.delete(id);
    if (!request) return;
    if ('value' in outcome) request.resolve(outcome.value);
    else request.reject(new Error(outcome.error));
  }

  failAll(message: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, { error: message });
  }
}

function dispatch(message: FromWorker, requests: Requests): void {
  switch (message.type) {
    case 'prediction':
      requests.settle(message.id, { value: message.prediction });
      return;
    case 'measured':
      requests.settle(message.id, { value: message.values });
      return;
    case 'images':
      requests.settle(message.id, { value: message.pixels });
      return;
    case 'evaluation':
      evaluationReceived(message.result);
      return;
    case 'models':
      modelsListed(message.models, message.active);
      return;
    case 'model-error':
      libraryFailed(message.message);
      return;
    case 'exported':
      requests.settle(message.id, { value: { modelJson: message.modelJson, weightData: message.weightData } });
      return;
    case 'request-failed':
      requests.settle(message.id, { error: message.message });
      return;
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
      modelAnnounced(message.layers, message.totalParams, message.epochsDone, message.trained);
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
      trainingEnded(message.state, message.epochsDone);
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
  const requests = new Requests();
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    dispatch(event.data, requests);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    const message = `The background worker failed: ${event.message || 'unknown error'}. Reload the page.`;
    datasetFailed('decode', message);
    backendFailed(message);
    requests.failAll(message);
  });
  const config = () => appStore.getState().config;
  return {
    loadDataset() {
      datasetLoading();
      send({ type: 'load-dataset', manifestUrl });
    },
    startBackend() {
      send({ type: 'init', backend: config().backend, seed: config().train.seed, testSize: config().train.testSize });
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
    predict(pixels) {
      return requests.open<Prediction>((id) => {
        send({ type: 'predict', id, pixels });
      });
    },
    evaluate() {
      send({ type: 'evaluate', testSize: config().train.testSize });
    },
    testImages(indices) {
      return requests.open<Uint8Array>((id) => {
        send({ type: 'images', id, indices });
      });
    },
    saveModel(name) {
      libraryBusy();
      send({ type: 'save-model', name });
    },
    loadModel(id) {
      libraryBusy();
      send({ type: 'load-model', id });
    },
    deleteModel(id) {
      libraryBusy();
      send({ type: 'delete-model', id });
    },
    exportModel() {
      return requests.open<ModelFiles>((id) => {
        send({ type: 'export-model', id });
      });
    },
    importModel(files, name) {
      libraryBusy();
      worker.postMessage({ type: 'import-model', modelJson: files.modelJson, weightData: files.weightData, name } satisfies ToWorker, [
        files.weightData,
      ]);
    },
    measure(what, steps = 0, batchSize = config().train.batchSize) {
      return requests.open<number[]>((id) => {
        send({ type: 'measure', id, what, steps, batchSize });
      });
    },
  };
}
