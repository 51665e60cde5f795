import { DatasetError, imageAt, type MnistData } from '../ml/data';
import type { BackendName } from '../ml/backend';
import { bareFitStepTimes } from '../ml/bareFit';
import { IMAGE_PIXELS, SAMPLE_COUNT, SAMPLE_GRID } from '../ml/mnist';
import type { TrainConfig } from '../ml/train';
import { injectFault } from './faults';
import { GpuHealth } from './gpuHealth';
import type { DatasetPhase, DatasetSummary, FromWorker, Snapshot, ToWorker } from './protocol';
import { loadDataset } from './loadDataset';
import { bestBackendBesides, selectBackend } from './selectBackend';
import { ModelLibrary } from './modelLibrary';
import { TrainingSession, type GpuWatch } from './session';
import { throttleProgress } from './throttle';

declare const self: DedicatedWorkerGlobalScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function summarize(data: MnistData, timings: DatasetSummary['timings']): { summary: DatasetSummary; transfer: ArrayBuffer[] } {
  const images = new Uint8Array(SAMPLE_COUNT * IMAGE_PIXELS);
  for (let i = 0; i < SAMPLE_COUNT; i++) images.set(imageAt(data.train, SAMPLE_GRID.first + i), i * IMAGE_PIXELS);
  const labels = data.train.labels.slice(SAMPLE_GRID.first, SAMPLE_GRID.last + 1);
  const bytes = [data.train, data.test].reduce((sum, split) => sum + split.images.byteLength + split.labels.byteLength, 0);
  const summary: DatasetSummary = {
    train: data.train.count,
    test: data.test.count,
    bytes,
    samples: { first: SAMPLE_GRID.first, images, labels },
    timings,
  };
  return { summary, transfer: [images.buffer, labels.buffer] };
}

/** The worker's state: the dataset, the backend and the training session. */
class MlWorker {
  private data: MnistData | null = null;
  private loading: Promise<void> | null = null;
  private session: Promise<TrainingSession> | null = null;
  private testSize = 10_000;
  private readonly library = new ModelLibrary(post);
  private readonly gpu = new GpuHealth();
  private readonly gpuWatch: GpuWatch = {
    assert: () => {
      this.gpu.assert();
    },
    guard: (download) => this.gpu.guard(download),
    confirmLoss: () => this.gpu.confirmLoss(),
    reportLost: async (message, epochsDone) => {
      post({ type: 'backend-lost', message, epochsDone, fallback: await bestBackendBesides(this.gpu.watched) });
    },
  };

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'load-dataset':
        this.loading ??= this.load(message.manifestUrl).finally(() => {
          this.loading = null;
        });
        return;
      case 'init':
        this.testSize = message.testSize;
        this.session ??= this.init(message.backend, message.seed, message.restore);
        return;
      case 'switch-backend':
        void this.switchBackend(message.backend, message.resume);
        return;
      case 'inject-fault':
        void this.session?.then((session) => injectFault(message.fault, session.current, this.gpu));
        return;
      case 'save-model':
        void this.withSession((session) => this.library.save(session, message.name));
        return;
      case 'load-model':
        void this.withSession(async (session) => {
          await this.library.load(session, message.id);
          await this.evaluateIfReady(session);
        });
        return;
      case 'delete-model':
        void this.withSession((session) => this.library.remove(session, message.id));
        return;
      case 'export-model':
        void this.withSession((session) => this.library.export(session, message.id));
        return;
      case 'import-model':
        void this.withSession(async (session) => {
          await this.library.import(session, message.modelJson, message.weightData, message.name);
          await this.evaluateIfReady(session);
        });
        return;
      case 'train':
        void this.train(message.config);
        return;
      case 'stop':
        void this.session?.then((session) => {
          session.stop();
        });
        return;
      case 'reset':
        void this.session?.then((session) => session.reset(message.seed));
        return;
      case 'predict':
        void this.reply(message.id, async (session) => {
          const prediction = await session.predict(message.pixels);
          post({ type: 'prediction', id: message.id, prediction }, [
            prediction.probabilities.buffer,
            prediction.conv1.buffer,
            prediction.conv2.buffer,
          ]);
        });
        return;
      case 'evaluate':
        void this.withData(async (session, data) => {
          if (session.isTraining) return;
          await session.evaluateAndPost(data, message.testSize);
        });
        return;
      case 'images': {
        const data = this.data;
        if (!data) {
          post({ type: 'request-failed', id: message.id, message: 'the dataset is not loaded' });
          return;
        }
        const pixels = new Uint8Array(message.indices.length * IMAGE_PIXELS);
        message.indices.forEach((index, i) => {
          pixels.set(imageAt(data.test, index), i * IMAGE_PIXELS);
        });
        post({ type: 'images', id: message.id, pixels }, [pixels.buffer]);
        return;
      }
      case 'measure':
        void this.reply(message.id, async (session) => {
          const data = this.data;
          if (!data) throw new Error('the dataset is not loaded');
          const values =
            message.what === 'bare-fit'
              ? await bareFitStepTimes(data.train, message.steps, message.batchSize, () => performance.now())
              : [await session.timeEvaluation(data, data.test.count)];
          post({ type: 'measured', id: message.id, values });
        });
        return;
    }
  }

  private async withSession(work: (session: TrainingSession) => Promise<void>): Promise<void> {
    const session = await this.session?.catch(() => null);
    if (!session) {
      post({ type: 'model-error', message: 'No TensorFlow.js backend is running, so there is no model to work with.' });
      return;
    }
    await work(session);
  }

  /** After a model is loaded: score it, so its accuracy and confusion matrix show at once. */
  private async evaluateIfReady(session: TrainingSession): Promise<void> {
    if (!this.data || session.isTraining || !session.trained) return;
    await session.evaluateAndPost(this.data, this.testSize).catch(() => undefined);
  }

  private async withData(work: (session: TrainingSession, data: MnistData) => Promise<void>): Promise<void> {
    const session = await this.session?.catch(() => null);
    if (!session || !this.data) {
      post({ type: 'train-error', message: 'Evaluation needs the dataset and a running backend; wait until both are ready.' });
      return;
    }
    try {
      await work(session, this.data);
    } catch (error) {
      post({ type: 'train-error', message: `Evaluation failed: ${describe(error)}` });
    }
  }

  /** Runs a request that needs the session, answering a failure by the request's id. */
  private async reply(id: number, work: (session: TrainingSession) => Promise<void>): Promise<void> {
    try {
      const session = await this.session;
      if (!session) throw new Error('no TensorFlow.js backend is running');
      await work(session);
    } catch (error) {
      post({ type: 'request-failed', id, message: describe(error) });
    }
  }

  private async init(requested: BackendName | null, seed: number, restore: Snapshot | null): Promise<TrainingSession> {
    try {
      const backend = await selectBackend(requested);
      this.gpu.watch(backend.name);
      post({ type: 'backend-ready', backend });
      const session = new TrainingSession(post, seed, this.gpuWatch);
      if (restore) await session.restore(restore);
      else await session.announce();
      // The newest saved model comes back on its own, so a reload loses nothing; a restarted worker brings its own weights.
      void this.library.refresh(session, !restore).then(() => this.evaluateIfReady(session));
      return session;
    } catch (error) {
      post({ type: 'backend-error', message: `No way to run the network was found: ${describe(error)}.` });
      throw error;
    }
  }

  /** Moves the last good weights onto another backend after the GPU went away, and trains on if asked. */
  private async switchBackend(backend: BackendName, resume: TrainConfig | null): Promise<void> {
    const session = await this.session?.catch(() => null);
    const snapshot = session?.lastGood;
    if (!session || !snapshot || session.isTraining) return;
    try {
      const choice = await selectBackend(backend);
      this.gpu.watch(choice.name);
      post({ type: 'backend-ready', backend: choice });
      await session.restore(snapshot);
      await this.evaluateIfReady(session);
    } catch (error) {
      post({ type: 'backend-error', message: `Switching to another backend failed: ${describe(error)}.` });
      return;
    }
    if (resume) await this.train(resume);
  }

  private async train(config: TrainConfig): Promise<void> {
    const session = await this.session?.catch(() => null);
    if (!session) {
      post({ type: 'train-error', message: 'Training cannot start: no TensorFlow.js backend is running.' });
      return;
    }
    if (!this.data) {
      post({ type: 'train-error', message: 'Training cannot start: the dataset is not loaded yet.' });
      return;
    }
    await session.train(this.data, config);
  }

  private async load(manifestUrl: string): Promise<void> {
    if (this.session && (await this.session.catch(() => null))?.isTraining) return;
    this.data = null;
    const progress = throttleProgress<DatasetPhase>(100, (phase, fraction) => post({ type: 'dataset-progress', phase, fraction }));
    try {
      const { data, timings } = await loadDataset(manifestUrl, progress);
      this.data = data;
      const { summary, transfer } = summarize(data, timings);
      post({ type: 'dataset-ready', summary }, transfer);
      const session = await this.session?.catch(() => null);
      if (session) await this.evaluateIfReady(session);
    } catch (error) {
      if (error instanceof DatasetError) {
        post({ type: 'dataset-error', failure: error.failure, message: error.message });
      } else {
        post({ type: 'dataset-error', failure: 'decode', message: `The dataset could not be loaded: ${describe(error)}` });
      }
    }
  }
}

// Held until this worker dies, however it dies: the page waits on the same lock to notice.
// Web Locks exist only in secure contexts; elsewhere (plain http on a LAN address) nobody watches.
if ('locks' in navigator) {
  void navigator.locks.request(self.name, () => {
    post({ type: 'alive' });
    return new Promise<never>(() => undefined);
  });
}

const worker = new MlWorker();
self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  worker.handle(event.data);
});
