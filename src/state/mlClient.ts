import type { BackendName } from '../ml/backend';
import type { Fault, FromWorker, Measurement, Prediction, Snapshot, ToWorker } from '../worker/protocol';
import { datasetFailed, datasetLoading, datasetProgress, datasetReady } from './datasetActions';
import { evaluationReceived } from './evaluationActions';
import { backendLost, faultCleared, workerGaveUp, workerRestarting } from './faultActions';
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
  /** After a lost GPU: the last good weights move to `backend`, and training goes on there. */
  continueOn(backend: BackendName): void;
  injectFault(fault: Fault): void;
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

/** What the client itself keeps from the worker's messages, beyond the store. */
interface Keeper {
  /** The worker holds its life lock: from now on its death can be noticed. */
  alive(): void;
  snapshot(snapshot: Snapshot): void;
}

function dispatch(message: FromWorker, requests: Requests, keeper: Keeper): void {
  switch (message.type) {
    case 'alive':
      keeper.alive();
      return;
    case 'snapshot':
      keeper.snapshot(message.snapshot);
      return;
    case 'backend-lost':
      backendLost(message.message, message.epochsDone, message.fallback);
      return;
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

/** Without a working worker there is neither data nor a backend: both say why. */
function workerUnusable(message: string): void {
  datasetFailed('decode', message);
  backendFailed(message);
}

/** Restarts beyond this many in a minute mean something keeps killing the worker: stop trying. */
const MAX_RESTARTS_PER_MINUTE = 3;

/**
 * Calls onGone once the worker is dead, however it died (a crash, the browser
 * reclaiming memory, close()): it holds a Web Lock for its whole life, and the
 * page's request for the same lock is granted only when that life ends.
 */
function whenGone(lockName: string, onGone: () => void): void {
  void navigator.locks.request(lockName, () => {
    onGone();
  });
}

export function createMlClient(manifestUrl: string): MlClient {
  const requests = new Requests();
  const config = () => appStore.getState().config;
  let snapshot: Snapshot | null = null;
  let restarts: number[] = [];

  const spawn = (): Worker => {
    const lockName = `mnist-ml-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const spawned = new Worker(new URL('../worker/ml.worker.ts', import.meta.url), { type: 'module', name: lockName });
    const keeper: Keeper = {
      alive: () => {
        whenGone(lockName, () => {
          restart(spawned);
        });
      },
      snapshot: (kept) => {
        snapshot = kept;
      },
    };
    spawned.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      dispatch(event.data, requests, keeper);
    });
    spawned.addEventListener('error', (event) => {
      event.preventDefault();
      const message = `The background worker failed: ${event.message || 'unknown error'}. Reload the page.`;
      workerUnusable(message);
      requests.failAll(message);
    });
    return spawned;
  };

  let worker = spawn();
  const send = (message: ToWorker): void => {
    worker.postMessage(message);
  };
  const loadDataset = (): void => {
    datasetLoading();
    send({ type: 'load-dataset', manifestUrl });
  };
  const startBackend = (restore: Snapshot | null): void => {
    send({ type: 'init', backend: config().backend, seed: config().train.seed, testSize: config().train.testSize, restore });
  };

  function restart(dead: Worker): void {
    if (dead !== worker) return;
    dead.terminate();
    requests.failAll('the background worker stopped');
    const now = Date.now();
    restarts = [...restarts.filter((at) => now - at < 60_000), now];
    if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
      const message = 'The background worker keeps stopping, so it was not restarted again. Reload the page to try once more.';
      workerGaveUp(message);
      workerUnusable(message);
      return;
    }
    workerRestarting(snapshot?.trained ? snapshot.checkpoint.epochs : null);
    worker = spawn();
    loadDataset();
    startBackend(snapshot);
  }

  return {
    loadDataset,
    startBackend() {
      startBackend(null);
    },
    train() {
      faultCleared();
      trainingRequested();
      send({ type: 'train', config: config().train });
    },
    continueOn(backend) {
      // The interrupted run's remaining epochs, not a fresh run's worth.
      const { progress, epochsDone } = appStore.getState().training;
      const remaining = progress ? progress.lastEpoch - epochsDone : 0;
      const train = config().train;
      faultCleared();
      trainingRequested();
      send({ type: 'switch-backend', backend, resume: { ...train, epochs: remaining > 0 ? remaining : train.epochs } });
    },
    injectFault(fault) {
      send({ type: 'inject-fault', fault });
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
