import type { MyDigit } from '../ml/data/myDigits';
import type { TestSet } from '../ml/data/validation';
import type { BackendChoice, BackendName } from '../ml/engines/backend';
import { NO_PACE, type Pace } from './pace';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DatasetFailure } from '../ml/data/data';
import type { NetworkConfig } from '../ml/network/network';
import type { NetworkPlan } from '../ml/network/plan';
import type { EpochLog } from '../ml/training/train';
import type { ConfusionMatrix, ConfusionSummary } from '../ml/training/metrics';
import type { ModelMeta } from '../ml/network/modelMeta';
import type { RunHistograms, RunRecord } from './runs/record';
import { CHART_VIEW, NOTEBOOK_RECIPE, draftOf, type AppConfig, type Draft, type DraftErrors } from './settings';
import type { DatasetPhase, DatasetSummary, EvaluationResult, LayerWeights } from '../worker/protocol';

export type DatasetView =
  | { state: 'loading'; phase: DatasetPhase; fraction: number }
  | { state: 'ready'; summary: DatasetSummary; readyMs: number }
  | { state: 'error'; failure: DatasetFailure; message: string };

export type BackendView =
  | { state: 'starting' }
  /** The engines are being raced on this device. */
  | { state: 'measuring' }
  | { state: 'ready'; choice: BackendChoice }
  | { state: 'error'; message: string };

export type TrainState = 'idle' | 'training' | 'done' | 'stopped' | 'error';

export interface TrainProgress {
  readonly epoch: number;
  readonly firstEpoch: number;
  readonly lastEpoch: number;
  readonly step: number;
  readonly steps: number;
  readonly examplesPerSec: number;
  readonly loss: number;
  readonly accuracy: number;
}

export interface TrainingView {
  readonly state: TrainState;
  readonly error: string | null;
  readonly progress: TrainProgress | null;
  /** Every batch loss of the model's life, in order. */
  readonly batchLosses: readonly number[];
  /** The learning rate of each of those batches. */
  readonly batchRates: readonly number[];
  readonly epochs: readonly EpochLog[];
  /** Epochs the current weights have been trained through, a stopped one included. */
  readonly epochsDone: number;
  /**
   * The model's epochs before the current run's first: the log and the progress count epochs per
   * run, as the run list does (the worker counts the weights' epochs, as Keras' initial_epoch).
   */
  readonly runEpochBase: number;
  /** The run that base is of: a Continue of it (after a Stop mid-epoch too) keeps it. */
  readonly runEpochBaseOf: string | null;
  /** How fast the run steps, smoothed, for the time it has left. */
  readonly pace: Pace;
}

export interface ModelView {
  /** The network the weights are of, and its plan (the summary's rows). */
  readonly network: NetworkConfig;
  readonly plan: NetworkPlan;
  /** Trained weights: by this page, or loaded from a saved or uploaded model. */
  readonly trained: boolean;
  /** The run these weights belong to, if any (Continue extends it). */
  readonly runId: string | null;
  /** Each layer's kernel after the latest epoch (0: the initial weights). */
  readonly latestWeights: { readonly epoch: number; readonly layers: readonly LayerWeights[] } | null;
  /**
   * Each layer's histogram after every epoch, the initial weights first, thinned like a run's:
   * kept as counts, not kernels, so a long training holds kilobytes an epoch, not the whole network.
   */
  readonly weightHistory: readonly RunHistograms[];
}

/** The latest evaluation of the current weights: on MNIST's images, or on my held-out digits. */
export interface EvaluationView {
  readonly result: EvaluationResult;
  readonly matrix: ConfusionMatrix;
  readonly summary: ConfusionSummary;
}

export interface LibraryView {
  readonly models: readonly ModelMeta[];
  /** The saved model whose weights are in memory, if they are unchanged since. */
  readonly active: string | null;
  readonly error: LibraryError | null;
  readonly busy: boolean;
}

/** My digits as the worker last listed them. */
export interface MyDigitsView {
  readonly digits: readonly MyDigit[];
  /** False until the worker has read them, or while they could not be read. */
  readonly listed: boolean;
  readonly busy: boolean;
  /** How many this tab's last change added (null: it added none, or it was another tab's). */
  readonly added: number | null;
  readonly error: string | null;
}

export interface LibraryError {
  readonly message: string;
  /** Refused only because a run was going: the alert goes when the run ends. */
  readonly whileTraining: boolean;
}

/** Something went wrong that the person can act on, beyond a failed run. */
export type FaultView =
  /** The GPU went away: training can go on from the last good weights on `fallback`. */
  | { readonly kind: 'backend-lost'; readonly message: string; readonly fallback: BackendName | null }
  /** The worker died and a new one took its place, with the last good weights. */
  | { readonly kind: 'worker-restarted'; readonly message: string }
  /** The worker failed, or kept dying and was not replaced: only a reload helps. */
  | { readonly kind: 'worker-lost'; readonly message: string };

/** Something the person should know: a problem they can fix (a bad URL parameter), or news (weights that came back). */
export interface Notice {
  readonly message: string;
  readonly kind: 'problem' | 'news';
}

/** The settings form: the text in each field, and what is wrong with it. `config` holds the last valid settings. */
export interface SettingsView {
  readonly draft: Draft;
  readonly errors: DraftErrors;
  /** The address chose the network: the model the page starts with (a last visit's, say) does not change it. */
  readonly addressNetwork: boolean;
}

/** Every run kept in this browser, newest first, and what the page does with them. */
export interface RunsView {
  readonly list: readonly RunRecord[];
  /** The run being recorded now, if training is under way. */
  readonly recording: string | null;
  /** Runs another open tab is training: that tab writes them, this one shows them as they go. */
  readonly elsewhere: readonly string[];
  readonly compared: readonly string[];
  /** The past run whose curves, histograms and confusion matrix are shown. */
  readonly opened: string | null;
  /** A run that could not be kept or imported: said until the next success. */
  readonly error: string | null;
  /** News about the list (the oldest run removed to make room). */
  readonly notice: string | null;
}

export interface AppState {
  readonly config: AppConfig;
  readonly settings: SettingsView;
  readonly runs: RunsView;
  readonly notices: readonly Notice[];
  readonly dataset: DatasetView;
  readonly backend: BackendView;
  readonly model: ModelView | null;
  readonly training: TrainingView;
  readonly evaluation: EvaluationView | null;
  /** The latest on my held-out digits, until other weights come in. */
  readonly myEvaluation: EvaluationView | null;
  /** What the evaluation panel shows, and Evaluate scores. */
  readonly testSet: TestSet;
  /** Why the last evaluation asked for could not be made. */
  readonly evaluationError: string | null;
  readonly library: LibraryView;
  readonly myDigits: MyDigitsView;
  readonly numTensors: number | null;
  readonly fault: FaultView | null;
}

export const IDLE_TRAINING: TrainingView = {
  state: 'idle',
  error: null,
  progress: null,
  batchLosses: [],
  batchRates: [],
  epochs: [],
  epochsDone: 0,
  runEpochBase: 0,
  runEpochBaseOf: null,
  pace: NO_PACE,
};

export function initialState(): AppState {
  return {
    config: { backend: null, train: NOTEBOOK_RECIPE, autostart: false, threads: null, kernels: 'simd', chartView: CHART_VIEW },
    settings: { draft: draftOf({ backend: null, train: NOTEBOOK_RECIPE }), errors: {}, addressNetwork: false },
    runs: { list: [], recording: null, elsewhere: [], compared: [], opened: null, error: null, notice: null },
    notices: [],
    dataset: { state: 'loading', phase: 'manifest', fraction: 0 },
    backend: { state: 'starting' },
    model: null,
    training: IDLE_TRAINING,
    evaluation: null,
    myEvaluation: null,
    testSet: 'mnist',
    evaluationError: null,
    library: { models: [], active: null, error: null, busy: false },
    myDigits: { digits: [], listed: false, busy: false, added: null, error: null },
    numTensors: null,
    fault: null,
  };
}

/** One vanilla store: the worker client writes it without hooks, components read it narrowly. */
export const appStore = createStore<AppState>()(() => initialState());

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/** Weights worth asking: trained here (an epoch finished, or a run stopped) or loaded from a saved or uploaded model. */
export function hasTrainedWeights(state: AppState): boolean {
  return (state.model?.trained ?? false) || state.training.epochs.length > 0 || state.training.epochsDone > 0;
}
