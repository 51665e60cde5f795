import type { BackendChoice } from '../ml/engines/backend';
import type { NetworkConfig } from '../ml/network/network';
import { planOf } from '../ml/network/plan';
import type { BatchReport, EpochLog } from '../ml/training/train';
import { libraryTrainingOver } from './libraryActions';
import { NO_PACE, addEpoch, addSteps } from './pace';
import { noticeReceived } from './noticeActions';
import { IDLE_TRAINING, appStore, type TrainingView } from './store';
import { keepHistograms, type RunHistograms } from './runs/record';
import type { LayerWeights, TrainEnd } from '../worker/protocol';

function updateTraining(change: (training: TrainingView) => Partial<TrainingView>): void {
  const { training } = appStore.getState();
  appStore.setState({ training: { ...training, ...change(training) } });
}

export function backendReady(choice: BackendChoice): void {
  appStore.setState({ backend: { state: 'ready', choice } });
  if (choice.notice) noticeReceived(choice.notice, 'problem');
}

export function backendMeasuring(): void {
  appStore.setState({ backend: { state: 'measuring' } });
}

export function backendFailed(message: string): void {
  appStore.setState({ backend: { state: 'error', message } });
}

/** A new, reset, restored or loaded model: its summary, which saved model it is (if any) and, with epochsDone 0, a clean history. */
export function modelAnnounced(
  network: NetworkConfig,
  epochsDone: number,
  trained: boolean,
  source: string | null,
  runId: string | null,
): void {
  const { model, training, library } = appStore.getState();
  const fresh = epochsDone === 0;
  appStore.setState({
    model: {
      network,
      // The worker built it from this plan: it cannot be refused here.
      plan: planOf(network),
      trained,
      runId,
      latestWeights: fresh || !model ? null : model.latestWeights,
      weightHistory: fresh || !model ? [] : model.weightHistory,
    },
    training: fresh ? IDLE_TRAINING : { ...training, epochsDone },
    library: { ...library, active: source },
    ...(fresh ? { evaluation: null, evaluationError: null } : {}),
  });
}

/** The kernels after `epoch`: the latest are drawn whole, and every epoch is kept as its histograms. */
export function weightsReceived(epoch: number, layers: readonly LayerWeights[], histograms: RunHistograms): void {
  const { model } = appStore.getState();
  if (!model) return;
  appStore.setState({
    model: { ...model, latestWeights: { epoch, layers }, weightHistory: keepHistograms(model.weightHistory, histograms) },
  });
}

/** The worker's answer to Train (or to Continue on another backend): the one place training state becomes `training`. */
export function trainingStarted(firstEpoch: number, lastEpoch: number, steps: number, runId: string): void {
  const { library, model, runs, training } = appStore.getState();
  // A new run counts its epochs from 1; one that goes on (Continue, another engine, restored with its weights) counts on.
  const first = runs.list.find((run) => run.id === runId)?.epochs[0]?.epoch;
  const base = training.runEpochBaseOf === runId ? training.runEpochBase : first !== undefined ? first - 1 : firstEpoch - 1;
  // The weights now change at every step: they are no longer those of any saved model, and they belong to this run.
  appStore.setState({ fault: null, library: { ...library, active: null }, model: model ? { ...model, runId } : model });
  updateTraining(() => ({
    state: 'training',
    error: null,
    runEpochBase: Math.max(0, base),
    runEpochBaseOf: runId,
    pace: NO_PACE,
    progress: { epoch: firstEpoch, firstEpoch, lastEpoch, step: 0, steps, examplesPerSec: 0, loss: Number.NaN, accuracy: Number.NaN },
  }));
}

export function batchReceived(report: BatchReport, losses: readonly number[], rates: readonly number[], stepsMs: number): void {
  updateTraining((training) => ({
    batchLosses: [...training.batchLosses, ...losses],
    batchRates: [...training.batchRates, ...rates],
    progress: training.progress ? { ...training.progress, ...report } : null,
    pace: addSteps(training.pace, losses.length, stepsMs),
  }));
}

export function epochReceived(log: EpochLog): void {
  updateTraining((training) => ({ epochs: [...training.epochs, log], pace: addEpoch(training.pace, log) }));
}

export function trainingEnded(state: TrainEnd, epochsDone: number): void {
  updateTraining(() => ({ state, epochsDone }));
  libraryTrainingOver();
}

export function trainingFailed(message: string): void {
  updateTraining(() => ({ state: 'error', error: message }));
  libraryTrainingOver();
}

export function memoryReported(numTensors: number): void {
  appStore.setState({ numTensors });
}
