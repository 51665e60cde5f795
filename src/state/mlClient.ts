import type { EvaluatedOn } from '../ml/data/validation';
import type { BackendName } from '../ml/engines/backend';
import type { KerasFormat } from '../ml/network/keras/formats';
import { myDigitsBusy } from './myDigitsActions';
import type { ModelFiles, ModelUpload, MyDigitsChange, Prediction, Replies, Request, Snapshot, ToWorker } from '../worker/protocol';
import { datasetLoading } from './datasetActions';
import { dispatch } from './dispatch';
import { workerLost, workerRestarting } from './faultActions';
import { libraryBusy } from './libraryActions';
import { Requests } from './requests';
import { runEnded } from './runs/runActions';
import { runIdForTraining } from './runs/runCommands';
import { appStore } from './store';
import { WorkerLife, type SpawnWorker, type WatchLife } from './workerLife';

/** The page's handle on the ML worker: intents in, store updates out. */
export interface MlClient {
  /** This tab's id: its slot of weights in the worker, its runs' writer. */
  readonly tab: string;
  loadDataset(): void;
  startBackend(): void;
  train(): void;
  /** Reset, then Train once the fresh weights are in: a run of its own that starts from nothing. */
  trainFromScratch(): void;
  stop(): void;
  reset(): void;
  /** Class probabilities (and the convolutions' activations) for 784 pixel values in [0, 1]. */
  predict(pixels: Float32Array): Promise<Prediction>;
  /** Evaluates the current weights on the test set chosen: the configured test images, or my held-out digits. */
  evaluate(): void;
  /** 784 bytes per requested image of an evaluation, by its index there. */
  images(on: EvaluatedOn, indices: readonly number[]): Promise<Uint8Array>;
  saveModel(name: string | null): void;
  loadModel(id: string): void;
  deleteModel(id: string): void;
  exportModel(): Promise<ModelFiles>;
  /** Adds or deletes my digits, in the worker's database. */
  changeMyDigits(change: MyDigitsChange): void;
  /** The current model as a Keras file's bytes. */
  exportKeras(format: KerasFormat): Promise<Uint8Array<ArrayBuffer>>;
  /** tfjs' files already checked with checkModelFiles, or a Keras file, which the worker checks. */
  importModel(upload: ModelUpload, name: string): void;
  /** After a lost GPU: the last good weights move to `backend`, and the interrupted run goes on there. */
  continueOn(backend: BackendName): void;
  /** The person chose an engine (null: the fastest): the current weights move there. */
  useBackend(backend: BackendName | null): void;
  /** Races the engines on this device again, then uses the chosen one. */
  measureEngines(): void;
}

export interface MlClientOptions {
  readonly manifestUrl: string;
  readonly spawn: SpawnWorker;
  readonly watch: WatchLife;
  /** This tab's id, kept across its reloads. */
  readonly tab: string;
  readonly now?: () => number;
}

export function createMlClient(options: MlClientOptions): MlClient {
  const requests = new Requests<Replies>();
  const config = () => appStore.getState().config;

  const life: WorkerLife = new WorkerLife({
    spawn: options.spawn,
    watch: options.watch,
    ...(options.now ? { now: options.now } : {}),
    onMessage: (message) => {
      if (message.type === 'reply') requests.resolve(message.id, message.reply);
      else if (message.type === 'request-failed') requests.reject(message.id, message.message);
      else dispatch(message);
    },
    onError: (message) => {
      const text = `The background worker failed: ${message}. Reload the page.`;
      runEnded('stopped', text);
      workerLost(text);
      requests.failAll(text);
    },
    onRestart: (snapshot) => {
      requests.failAll('the background worker stopped');
      runEnded('stopped', 'The background worker stopped during this run.');
      workerRestarting(snapshot?.trained ? snapshot.checkpoint.epochs : null);
      loadDataset();
      start(snapshot);
    },
    onGiveUp: (message) => {
      runEnded('stopped', message);
      workerLost(message);
      requests.failAll(message);
    },
  });

  function loadDataset(): void {
    datasetLoading();
    life.send({ type: 'load-dataset', manifestUrl: options.manifestUrl });
  }

  function start(restore: Snapshot | null): void {
    const { backend, train, threads, kernels } = config();
    life.send({
      type: 'start',
      backend,
      seed: train.seed,
      network: train.network,
      testSize: train.testSize,
      restore,
      threads,
      kernels,
      tab: options.tab,
    });
    // A new worker lists my digits from the database: the page has nothing of them before.
    life.send({ type: 'my-digits', change: null });
  }

  function request<K extends Request['kind']>(request: Extract<Request, { kind: K }>, transfer: Transferable[] = []): Promise<Replies[K]> {
    return requests.open(request.kind, (id) => {
      life.send({ type: 'request', id, request }, transfer);
    });
  }

  function library(message: ToWorker, transfer: Transferable[] = []): void {
    libraryBusy();
    life.send(message, transfer);
  }

  function train(): void {
    const settings = config().train;
    void runIdForTraining(settings, options.tab).then((runId) => {
      life.send({ type: 'train', config: settings, runId });
    });
  }

  function reset(): void {
    const { seed, network } = config().train;
    life.send({ type: 'reset', seed, network });
  }

  return {
    tab: options.tab,
    loadDataset,
    startBackend: () => {
      start(null);
    },
    train,
    trainFromScratch: () => {
      reset();
      // The run's id and its origin are read from the page's state: wait for the fresh weights' announcement.
      const unsubscribe = appStore.subscribe((state, previous) => {
        if (state.training.state === 'error') unsubscribe();
        if (state.model === previous.model || !state.model || state.model.trained || state.training.epochsDone !== 0) return;
        unsubscribe();
        train();
      });
    },
    continueOn: (backend) => {
      const { train } = config();
      void runIdForTraining(train, options.tab).then((runId) => {
        life.send({ type: 'continue-on', backend, config: train, runId });
      });
    },
    useBackend: (backend) => {
      life.send({ type: 'use-backend', backend });
    },
    measureEngines: () => {
      life.send({ type: 'measure-engines', backend: config().backend });
    },
    stop: () => {
      life.send({ type: 'stop' });
    },
    reset,
    evaluate: () => {
      const { train } = config();
      life.send({ type: 'evaluate', testSet: appStore.getState().testSet, testSize: train.testSize, holdOut: train.myHoldOut });
    },
    predict: (pixels) => request({ kind: 'predict', pixels }),
    images: (on, indices) => request({ kind: 'images', on, indices }),
    exportModel: () => request({ kind: 'export-model' }),
    exportKeras: (format) => request({ kind: 'export-keras', format }),
    changeMyDigits: (change) => {
      myDigitsBusy();
      life.send({ type: 'my-digits', change });
    },
    saveModel: (name) => {
      library({ type: 'save-model', name });
    },
    loadModel: (id) => {
      library({ type: 'load-model', id });
    },
    deleteModel: (id) => {
      library({ type: 'delete-model', id });
    },
    importModel: (upload, name) => {
      library({ type: 'import-model', upload, name }, [upload.format === 'tfjs' ? upload.files.weightData : upload.bytes]);
    },
  };
}
