import type { BackendName } from '../ml/engines/backend';
import { assertNever, errorMessage } from '../ml/errors';
import type { BatchReport, TrainConfig } from '../ml/training/train';
import { DatasetHost } from './data/datasetHost';
import { Engine } from './engines/engine';
import { Inference } from './training/inference';
import { ModelLibrary } from './storage/modelLibrary';
import { exportKeras, exportModel } from './storage/modelStore';
import type { Post, Reply, Request, ToWorker } from './protocol';
import type { ModelSession } from './training/session';
import { Trainer } from './training/trainingRun';
import { resumeLastVisit } from './resume';
import { MyDigitsHost, NO_DIGITS_TO_TRAIN } from './myDigitsHost';
import type { TestSet } from '../ml/data/validation';
import { DEFAULT_HOLD_OUT } from '../ml/data/myDigits';

type StartMessage = Extract<ToWorker, { type: 'start' }>;

export interface WorkerOptions {
  /** Sees every training step as it ends; for the bench, never set in the app. */
  readonly onStep?: (report: BatchReport) => void;
}

/** The worker's parts, and the one switch that sends each message from the page to the part it concerns. */
export class MlWorker {
  readonly dataset: DatasetHost;
  readonly engine: Engine;
  private readonly inference: Inference;
  private readonly trainer: Trainer;
  private readonly library: ModelLibrary;
  private readonly digits: MyDigitsHost;
  private started: Promise<void> | null = null;
  private testSize = 10_000;

  constructor(
    private readonly post: Post,
    options: WorkerOptions = {},
  ) {
    this.dataset = new DatasetHost(post);
    this.engine = new Engine(post);
    this.inference = new Inference(post, this.engine.gpu);
    this.library = new ModelLibrary(post);
    this.digits = new MyDigitsHost(post);
    this.trainer = new Trainer({
      post,
      gpu: this.engine.gpu,
      inference: this.inference,
      reportLost: (message, epochsDone) => this.engine.reportLost(message, epochsDone),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
  }

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'load-dataset':
        void this.loadDataset(message.manifestUrl);
        return;
      case 'start':
        this.testSize = message.testSize;
        this.started ??= this.start(message);
        return;
      case 'measure-engines':
        void this.withSession(async (session) => {
          if (this.trainer.isTraining) return;
          await this.engine.remeasure(session, message.backend);
          await this.evaluateIfReady(session);
        });
        return;
      case 'continue-on':
        void this.continueOn(message.backend, message.config, message.runId);
        return;
      case 'train':
        void this.train(message.config, message.runId);
        return;
      case 'use-backend':
        void this.withSession(async (session) => {
          if (this.trainer.isTraining) return;
          await this.engine.useBackend(session, message.backend);
          await this.evaluateIfReady(session);
        });
        return;
      case 'stop':
        this.trainer.stop();
        return;
      case 'reset':
        void this.withSession(async (session) => {
          await session.reset(message.seed, message.network).catch((error: unknown) => {
            this.post({ type: 'training-failed', message: `Reset failed: ${errorMessage(error)}` });
          });
        });
        return;
      case 'evaluate':
        void this.evaluate(message.testSet, message.testSize, message.holdOut);
        return;
      case 'save-model':
        void this.withSession((session) => this.library.save(session, message.name));
        return;
      case 'load-model':
        void this.withSession(async (session) => {
          if (await this.library.load(session, message.id)) await this.evaluateIfReady(session);
        });
        return;
      case 'delete-model':
        void this.withSession((session) => this.library.remove(session, message.id));
        return;
      case 'import-model':
        void this.withSession(async (session) => {
          if (await this.library.import(session, message.upload, message.name)) await this.evaluateIfReady(session);
        });
        return;
      case 'my-digits':
        this.digits.change(message.change);
        return;
      case 'request':
        void this.answer(message.id, message.request);
        return;
      default:
        assertNever(message);
    }
  }

  private async answer(id: number, request: Request): Promise<void> {
    try {
      const { reply, transfer } = await this.replyTo(request);
      this.post({ type: 'reply', id, reply }, transfer);
    } catch (error) {
      this.post({ type: 'request-failed', id, message: errorMessage(error) });
    }
  }

  private async replyTo(request: Request): Promise<{ reply: Reply; transfer: Transferable[] }> {
    switch (request.kind) {
      case 'predict': {
        const value = await this.inference.predict(await this.requireSession(), request.pixels);
        return {
          reply: { kind: 'predict', value },
          transfer: [value.probabilities.buffer, ...value.features.map((maps) => maps.values.buffer)],
        };
      }
      case 'images': {
        const { on, indices } = request;
        const value = on.kind === 'mine' ? this.digits.images(on.ids, indices) : this.dataset.images(on, indices);
        return { reply: { kind: 'images', value }, transfer: [value.buffer] };
      }
      case 'export-model': {
        const value = await exportModel((await this.requireSession()).current);
        return { reply: { kind: 'export-model', value }, transfer: [value.weightData] };
      }
      case 'export-keras': {
        const value = await exportKeras(await this.requireSession(), request.format);
        return { reply: { kind: 'export-keras', value }, transfer: [value.buffer] };
      }
      default:
        return assertNever(request);
    }
  }

  private async requireSession(): Promise<ModelSession> {
    const session = await this.engine.session();
    if (!session) throw new Error('no TensorFlow.js backend is running');
    return session;
  }

  private async withSession(work: (session: ModelSession) => Promise<void>): Promise<void> {
    const session = await this.engine.session();
    if (!session) {
      this.post({ type: 'storage-failed', message: 'No TensorFlow.js backend is running, so there is no model to work with.' });
      return;
    }
    await work(session);
  }

  private async start({ backend, seed, network, restore, threads, kernels, tab }: StartMessage): Promise<void> {
    // An engine race (when one is needed) waits until the dataset is decoded, so neither slows the other.
    const session = await this.engine.start({
      requested: backend,
      seed,
      network,
      restore,
      threads,
      kernels,
      tab,
      quiet: () => this.dataset.settled(),
    });
    if (!session) return;
    this.library.follow(session);
    // A restarted worker brings its own weights; a new page gets back those of the last visit, else the newest saved model.
    const resumed = !restore && (await resumeLastVisit(session, tab, this.post));
    await this.library.refresh(session, !restore && !resumed);
    await this.evaluateIfReady(session);
  }

  private async loadDataset(manifestUrl: string): Promise<void> {
    // The data in use by a run must not vanish under it.
    if (this.trainer.isTraining) return;
    const data = await this.dataset.load(manifestUrl);
    const session = await this.engine.session();
    if (data && session) await this.evaluateIfReady(session);
  }

  /** After a lost GPU: the last good weights move to `backend`, and the interrupted run's remaining epochs go on there. */
  private async continueOn(backend: BackendName, config: TrainConfig, runId: string): Promise<void> {
    const session = await this.engine.session();
    if (!session || this.trainer.isTraining) return;
    if (!(await this.engine.moveTo(session, backend))) return;
    await this.evaluateIfReady(session);
    // Resumed: the learning-rate schedule goes on where the interrupted run left it.
    await this.train({ ...config, epochs: this.trainer.remainingEpochs(session, config) }, runId, true);
  }

  private async train(config: TrainConfig, runId: string, resume = false): Promise<void> {
    const session = await this.engine.session();
    const data = this.dataset.data;
    if (!session) this.post({ type: 'training-failed', message: 'Training cannot start: no TensorFlow.js backend is running.' });
    else if (!data) this.post({ type: 'training-failed', message: 'Training cannot start: the dataset is not loaded yet.' });
    else {
      const mine = await this.digits.forRun(config, session.record.myHoldOut);
      if (config.myDigits && !mine.use) {
        this.post({ type: 'training-failed', message: `Training cannot start: ${NO_DIGITS_TO_TRAIN}` });
        return;
      }
      // A network of another cost may run faster on another engine: raced before it trains (a resumed run keeps its engine).
      if (!resume && !this.trainer.isTraining) await this.engine.fitNetwork(session, config.network);
      await this.trainer.train(session, data, config, runId, mine, resume);
    }
  }

  private async evaluate(testSet: TestSet, testSize: number, holdOut: number): Promise<void> {
    if (this.trainer.isTraining) return;
    const session = await this.engine.session();
    const data = this.dataset.data;
    if (!session || !data) {
      this.post({ type: 'evaluation-failed', message: 'Evaluation needs the dataset and a running backend; wait until both are ready.' });
      return;
    }
    try {
      if (testSet === 'mnist') await this.inference.evaluateAndPost(session, data, testSize);
      else {
        const heldOut = await this.digits.heldOut(holdOut, session.record.myHoldOut);
        // The digits' list may have kept it waiting: a run may have started meanwhile.
        if (!session.busy) await this.inference.evaluateMine(session, data, heldOut);
      }
    } catch (error) {
      this.post({ type: 'evaluation-failed', message: `Evaluation failed: ${errorMessage(error)}` });
    }
  }

  /** Trained weights that just arrived (loaded, restored, or the data came late): score them, so accuracy and confusion show at once. */
  private async evaluateIfReady(session: ModelSession): Promise<void> {
    if (!this.dataset.data || this.trainer.isTraining || !session.trained) return;
    await this.evaluate('mnist', this.testSize, DEFAULT_HOLD_OUT);
  }
}
