import { assertNever } from '../../ml/errors';
import { FRESH, type RunOrigin } from './origin';
import { HISTOGRAM_BINS, histogram, valueRange } from '../../ml/training/histogram';
import type { ConfusionMatrix } from '../../ml/training/metrics';
import type { EvaluatedOn } from '../../ml/data/validation';
import type { MyDigitsUse } from '../../ml/data/myDigits';
import type { EpochLog, TrainConfig } from '../../ml/training/train';
import { appStore, hasTrainedWeights, type AppState, type RunsView } from '../store';
import {
  addEpoch,
  addHistograms,
  appendLosses,
  endRun,
  extendRun,
  RUN_BOUNDS,
  runIdFor,
  sameExperiment,
  setEvaluation,
  setMyEvaluation,
  startRun,
  type RunHistograms,
  type RunRecord,
  type RunState,
} from './record';
import type { LayerWeights } from '../../worker/protocol';

function updateRuns(change: (runs: RunsView) => Partial<RunsView>): void {
  const { runs } = appStore.getState();
  appStore.setState({ runs: { ...runs, ...change(runs) } });
}

/** Applies `change` to the run being recorded, if there is one. */
function updateRecording(change: (run: RunRecord) => RunRecord): void {
  updateRuns((runs) => ({ list: runs.list.map((run) => (run.id === runs.recording ? change(run) : run)) }));
}

/**
 * The run a click of Train continues: the run of the weights in memory if it ended (stopped
 * or done), the settings that shape it are unchanged and it has room for `config.epochs` more.
 */
export function runToContinue(state: AppState, config: TrainConfig): { run: RunRecord; room: boolean } | null {
  const current = state.runs.list.find((run) => run.id === state.model?.runId);
  const continues = current && (current.state === 'stopped' || current.state === 'done') && sameExperiment(current.settings, config);
  return continues ? { run: current, room: current.epochs.length + config.epochs <= RUN_BOUNDS.epochs } : null;
}

/** The run a click of Train belongs to: the one it continues, else a new one (unique in this tab's list). */
export function runIdForTrain(state: AppState, config: TrainConfig, now = new Date()): string {
  const continued = runToContinue(state, config);
  return continued?.room ? continued.run.id : runIdFor(now, new Set(state.runs.list.map((run) => run.id)));
}

/** What the weights were when run `runId` starts from them; never that run itself. */
export function startingPoint(state: AppState, runId: string): RunOrigin {
  const model = state.model;
  // Trained in this page (model.trained is only the worker's word at start-up), restored, or loaded.
  if (!model || !hasTrainedWeights(state)) return FRESH;
  const saved = state.library.models.find((entry) => entry.id === state.library.active);
  if (saved) return { kind: 'loaded', modelId: saved.id, name: saved.name };
  const epoch = state.training.epochsDone;
  const known = model.runId !== null && model.runId !== runId && state.runs.list.some((run) => run.id === model.runId);
  return known && model.runId ? { kind: 'continued', runId: model.runId, epoch } : { kind: 'trained', epoch };
}

/** The worker started training `runId` (with `myDigits`, as it announced them): a new run, or the same one going on. */
export function runStarted(
  runId: string,
  config: TrainConfig,
  firstEpoch: number,
  lastEpoch: number,
  myDigits: MyDigitsUse | null,
  now = new Date(),
): void {
  const state = appStore.getState();
  const engine = state.backend.state === 'ready' ? state.backend.choice.name : 'unknown';
  const device = state.backend.state === 'ready' ? state.backend.choice.detail : 'unknown';
  const epochs = lastEpoch - firstEpoch + 1;
  const existing = state.runs.list.find((run) => run.id === runId);
  const run = existing
    ? extendRun(existing, epochs, engine, myDigits)
    : startRun({ id: runId, config, plannedEpochs: epochs, engine, device, origin: startingPoint(state, runId), startedAt: now, myDigits });
  updateRuns((runs) => ({ list: [run, ...runs.list.filter((entry) => entry.id !== runId)], recording: runId }));
}

export function runLosses(losses: readonly number[], rates: readonly number[]): void {
  updateRecording((run) => ({
    ...run,
    batchLoss: appendLosses(run.batchLoss, losses),
    learningRates: appendLosses(run.learningRates, rates),
  }));
}

export function runEpoch(log: EpochLog): void {
  updateRecording((run) => addEpoch(run, log));
}

/** Each layer's kernel as a histogram over its own range, small enough to keep for every epoch. */
export function layerHistograms(epoch: number, layers: readonly LayerWeights[]): RunHistograms {
  return {
    epoch,
    layers: layers.map(({ layer, kernel }) => {
      const { min, max } = valueRange([kernel]);
      return { layer, ...histogram(kernel, HISTOGRAM_BINS, min, max) };
    }),
  };
}

export function runWeights(histograms: RunHistograms): void {
  if (appStore.getState().runs.recording === null) return;
  updateRecording((run) => addHistograms(run, histograms));
}

/**
 * A run keeps its last validation: an evaluation of other images (the test set, with a split) is
 * not its own. Its last evaluation on my held-out digits is kept beside it, never in its place.
 */
export function runEvaluated(matrix: ConfusionMatrix, on: EvaluatedOn['kind']): void {
  switch (on) {
    case 'mine':
      updateRecording((run) => setMyEvaluation(run, matrix));
      return;
    case 'test':
    case 'validation': {
      const validation = on === 'test' ? 'test' : 'split';
      updateRecording((run) => (run.settings.validation === validation ? setEvaluation(run, matrix) : run));
      return;
    }
    default:
      assertNever(on);
  }
}

/** The run being recorded ended, however it ended. */
export function runEnded(state: Exclude<RunState, 'running'>, message: string | null = null): void {
  updateRecording((run) => endRun(run, state, message));
  updateRuns(() => ({ recording: null }));
}

/**
 * The list of saved models arrived: if the weights in memory were just saved, their run became
 * that model; a run whose model is no longer in the list (deleted here or in another tab) is no
 * longer "saved as" it. A list that could not be read (`listed` false) says nothing of that.
 */
export function runSavedAs(active: string | null, models: readonly { id: string; name: string }[], listed = true): void {
  const runId = appStore.getState().model?.runId;
  const saved = models.find((entry) => entry.id === active);
  const model = runId && saved ? { id: saved.id, name: saved.name } : null;
  const present = new Set(models.map((entry) => entry.id));
  const savedAs = (run: RunRecord): RunRecord['savedModel'] => {
    if (model && run.id === runId) return run.savedModel?.id === model.id ? run.savedModel : model;
    return run.savedModel && listed && !present.has(run.savedModel.id) ? null : run.savedModel;
  };
  const { list } = appStore.getState().runs;
  if (list.every((run) => savedAs(run) === run.savedModel)) return;
  updateRuns((runs) => ({ list: runs.list.map((run) => (savedAs(run) === run.savedModel ? run : { ...run, savedModel: savedAs(run) })) }));
}

export function runRenamed(id: string, name: string): void {
  const trimmed = name.trim().slice(0, 200);
  if (!trimmed) return;
  updateRuns((runs) => ({ list: runs.list.map((run) => (run.id === id ? { ...run, name: trimmed } : run)) }));
}

export function runRemoved(id: string): void {
  updateRuns((runs) => ({
    list: runs.list.filter((run) => run.id !== id),
    compared: runs.compared.filter((entry) => entry !== id),
    opened: runs.opened === id ? null : runs.opened,
  }));
}

export function runAdded(run: RunRecord): void {
  updateRuns((runs) => ({ list: [run, ...runs.list.filter((entry) => entry.id !== run.id)], error: null }));
}

export function runCompared(id: string, compared: boolean): void {
  updateRuns((runs) => ({
    compared: compared ? [...runs.compared.filter((entry) => entry !== id), id] : runs.compared.filter((entry) => entry !== id),
  }));
}

export function runOpened(id: string | null): void {
  updateRuns(() => ({ opened: id }));
}

export function runsFailed(message: string | null): void {
  updateRuns(() => ({ error: message }));
}

export function runsNotice(message: string | null): void {
  updateRuns(() => ({ notice: message }));
}
