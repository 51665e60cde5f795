import type { MnistData } from '../../ml/data/data';
import { runTrainingSet } from '../../ml/data/trainingSet';
import { errorMessage } from '../../ml/errors';
import { capitalised } from '../../ml/text';
import { sameNetwork } from '../../ml/network/netText';
import { BackendLostError, NonFiniteError } from '../../ml/training/faults';
import { trainEpochs, type BatchReport, type ScheduleSpan, type TrainConfig } from '../../ml/training/train';
import type { Inference } from './inference';
import type { Post } from '../protocol';
import { NO_RUN_DIGITS, type RunDigits } from '../myDigitsHost';
import type { GpuWatch, ModelSession } from './session';
import { createYield } from './yieldToEvents';

/** Batch messages at most this often: enough for smooth charts, no flood of messages. */
const BATCH_MESSAGE_MS = 200;

export interface TrainerOptions {
  readonly post: Post;
  readonly gpu: GpuWatch;
  readonly inference: Inference;
  /** Tells the page the GPU went away, offering the best backend left. */
  readonly reportLost: (message: string, epochsDone: number) => Promise<void>;
  /** Sees every step as it ends (the bench's step times); nothing in the app needs it. */
  readonly onStep?: (report: BatchReport) => void;
}

/** Runs training on a session's model: the loop's messages, Stop, and recovery when a run fails. */
export class Trainer {
  private running = false;
  private stopRequested = false;
  /** The epoch the latest run was meant to end with: what Continue on another backend finishes. */
  private plannedLastEpoch = 0;
  /** The epochs the latest run's learning-rate schedule spans: a resumed run keeps them. */
  private span: ScheduleSpan | null = null;
  private readonly yieldToEvents = createYield();

  constructor(private readonly options: TrainerOptions) {}

  get isTraining(): boolean {
    return this.running;
  }

  stop(): void {
    this.stopRequested = true;
  }

  /** Epochs the interrupted run still had to go; a whole new run's worth if it had none left. */
  remainingEpochs(session: ModelSession, config: TrainConfig): number {
    const remaining = this.plannedLastEpoch - session.epochs;
    return remaining > 0 ? remaining : config.epochs;
  }

  /**
   * `resume`: the interrupted run goes on (after a lost GPU), its schedule where it was; otherwise a
   * fresh one starts. `mine`: my digits it trains on (when its settings say so) and is measured on.
   */
  async train(
    session: ModelSession,
    data: MnistData,
    config: TrainConfig,
    runId: string,
    mine: RunDigits = NO_RUN_DIGITS,
    resume = false,
  ): Promise<void> {
    const { post, gpu, inference, onStep } = this.options;
    if (this.running || session.busy) return;
    // Another network cannot take these weights: it starts from fresh ones, seeded as the run says.
    if (!sameNetwork(session.network, config.network)) {
      try {
        await session.reset(config.seed, config.network);
      } catch (error) {
        post({ type: 'training-failed', message: `Training cannot start: the network could not be built (${errorMessage(error)}).` });
        return;
      }
    }
    if (!session.lastGood) {
      try {
        void session.keep(await session.checkpoint());
      } catch (error) {
        post({ type: 'training-failed', message: `Training cannot start: ${errorMessage(error)}.` });
        return;
      }
    }
    this.running = true;
    this.stopRequested = false;
    session.hold(true);
    session.changed();
    session.setRun(runId, mine.use ? config.myHoldOut : null);
    session.useOptimizer(config);
    const firstEpoch = session.epochs + 1;
    this.plannedLastEpoch = firstEpoch + config.epochs - 1;
    const span = resume && this.span ? this.span : { firstEpoch, epochs: config.epochs };
    this.span = span;
    const steps = Math.ceil(runTrainingSet(data, config, mine.train).size / config.batchSize);
    post({ type: 'training-started', firstEpoch, lastEpoch: this.plannedLastEpoch, steps, config, runId, myDigits: mine.use });
    let losses: number[] = [];
    let rates: number[] = [];
    let stepsMs = 0;
    let lastMessage = -Infinity;
    try {
      const model = session.current;
      const outcome = await trainEpochs(
        model,
        model.optimizer,
        data,
        config,
        firstEpoch,
        span,
        {
          now: () => performance.now(),
          shouldStop: () => this.stopRequested,
          guard: (download) => gpu.guard(download),
          yieldToEvents: this.yieldToEvents,
          onBatch: (report) => {
            onStep?.(report);
            losses.push(report.loss);
            rates.push(report.learningRate);
            stepsMs += report.stepMs;
            const now = performance.now();
            if (now - lastMessage < BATCH_MESSAGE_MS && report.step < report.steps) return;
            lastMessage = now;
            post({ type: 'training-batch', report, losses, rates, stepsMs });
            losses = [];
            rates = [];
            stepsMs = 0;
          },
          // Guarded as a whole: any of its downloads would hang forever on a lost WebGL context.
          onEpoch: (log, evaluation, on) =>
            gpu.guard(
              (async () => {
                session.epochFinished(await session.checkpoint(log.epoch), log.seconds);
                post({ type: 'training-epoch', log });
                await inference.postEvaluation(session, data, evaluation, on);
                if (mine.heldOut) await inference.evaluateMine(session, data, mine.heldOut);
                await session.postWeights(log.epoch);
                session.postMemory();
              })(),
            ),
        },
        mine.train,
      );
      // A stopped epoch still counts: Continue starts the next one, with the weights as they are.
      session.runEnded(outcome.lastEpoch);
      post({ type: 'training-ended', state: outcome.stopped ? 'stopped' : 'done', epochsDone: session.epochs });
    } catch (error) {
      session.hold(false);
      await this.recover(session, error);
    } finally {
      session.hold(false);
      this.running = false;
      session.postMemory();
    }
  }

  /** After a failed run: never keep weights that may be garbage. */
  private async recover(session: ModelSession, error: unknown): Promise<void> {
    const { post, gpu, reportLost } = this.options;
    const lost = error instanceof BackendLostError ? error.reason : await gpu.confirmLoss();
    const snapshot = session.lastGood;
    const kept = snapshot ? `the weights after epoch ${snapshot.checkpoint.epochs} are kept` : 'no earlier weights were kept';
    if (lost) {
      // Nothing more can run on this backend; the worker moves the snapshot to another one.
      await reportLost(`Training stopped: ${lost}. ${capitalised(kept)}.`, snapshot?.checkpoint.epochs ?? 0);
      return;
    }
    if (error instanceof NonFiniteError && snapshot) {
      await session.restore(snapshot);
      post({
        type: 'training-failed',
        message: `Training stopped: ${error.message}. The weights after epoch ${snapshot.checkpoint.epochs} were restored, with a fresh optimiser.`,
      });
      return;
    }
    post({ type: 'training-failed', message: `Training failed: ${errorMessage(error)}` });
  }
}
