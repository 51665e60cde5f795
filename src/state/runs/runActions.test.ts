import { beforeEach, describe, expect, it } from 'vitest';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { planOf } from '../../ml/network/plan';
import { NOTEBOOK_RECIPE } from '../settings';
import { dispatch } from '../dispatch';
import { appStore, initialState } from '../store';
import { RUN_BOUNDS } from './record';
import {
  layerHistograms,
  runEnded,
  runEpoch,
  runEvaluated,
  runIdForTrain,
  runLosses,
  runSavedAs,
  runStarted,
  runToContinue,
  runWeights,
} from './runActions';

const log = { epoch: 1, lastEpoch: 2, steps: 4, seconds: 1.5, msPerStep: 20, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85 };
const now = new Date(2026, 10, 25, 13, 45, 1);

beforeEach(() => {
  appStore.setState(initialState(), true);
  appStore.setState({
    backend: {
      state: 'ready',
      choice: { name: 'wasm', detail: 'WebAssembly (SIMD)', software: false, reasons: [], notice: null, race: null, threads: 1 },
    },
  });
});

function announce(runId: string | null, trained = true): void {
  appStore.setState({
    model: { network: NOTEBOOK_NETWORK, plan: planOf(NOTEBOOK_NETWORK), trained, runId, latestWeights: null, weightHistory: [] },
  });
}

describe('recording a run', () => {
  it('starts a run on the worker’s answer, records its batches, epochs and histograms, and ends it', () => {
    announce(null, false);
    const id = runIdForTrain(appStore.getState(), NOTEBOOK_RECIPE, now);
    expect(id).toBe('20261125-134501');
    runStarted(id, NOTEBOOK_RECIPE, 1, 2, null, now);
    runLosses([1, 0.8], [0.001, 0.001]);
    runEpoch(log);
    runWeights(layerHistograms(1, [{ layer: 'conv2d_1', kernel: Float32Array.from([-1, 0, 1]) }]));
    runEnded('stopped', 'Stopped by you.');
    const [run] = appStore.getState().runs.list;
    expect(run).toMatchObject({
      id,
      state: 'stopped',
      from: null,
      origin: { kind: 'fresh' },
      engines: ['wasm'],
      device: 'WebAssembly (SIMD)',
      plannedEpochs: 2,
    });
    expect(run?.batchLoss.points).toEqual([1, 0.8]);
    expect(run?.epochs).toEqual([log]);
    expect(run?.histograms[0]?.layers[0]).toMatchObject({ layer: 'conv2d_1', min: -1, max: 1 });
    expect(run?.histograms[0]?.layers[0]?.counts.reduce((a, b) => a + b)).toBe(3);
    expect(appStore.getState().runs.recording).toBeNull();
  });

  it('goes on with the same run after Stop with the same settings, and starts another when they change', () => {
    announce(null, false);
    runStarted('first', NOTEBOOK_RECIPE, 1, 1, null, now);
    runEpoch(log);
    runEnded('done');
    announce('first');
    expect(runIdForTrain(appStore.getState(), { ...NOTEBOOK_RECIPE, epochs: 3 }, now)).toBe('first');
    const other = runIdForTrain(appStore.getState(), { ...NOTEBOOK_RECIPE, learningRate: 0.003 }, now);
    expect(other).toBe('20261125-134501');
    runStarted(other, { ...NOTEBOOK_RECIPE, learningRate: 0.003 }, 2, 2, null, now);
    expect(appStore.getState().runs.list[0]).toMatchObject({ id: other, from: 'run first after epoch 0', state: 'running' });
    // A run that failed is not continued.
    runEnded('failed', 'NaN');
    announce(other);
    expect(runIdForTrain(appStore.getState(), { ...NOTEBOOK_RECIPE, learningRate: 0.003 }, now)).not.toBe(other);
  });

  it('notes the saved model a run became, and only for the run whose weights were saved', () => {
    announce(null, false);
    runStarted('r', NOTEBOOK_RECIPE, 1, 1, null, now);
    runEnded('done');
    runSavedAs('m1', [{ id: 'm1', name: 'Model 1' }]);
    expect(appStore.getState().runs.list[0]?.savedModel).toBeNull();
    announce('r');
    runSavedAs('m1', [{ id: 'm1', name: 'Model 1' }]);
    expect(appStore.getState().runs.list[0]?.savedModel).toEqual({ id: 'm1', name: 'Model 1' });
  });

  it('drops "saved as" once that model is gone from the list (deleted in another tab), unless the list could not be read', () => {
    announce(null, false);
    runStarted('r', NOTEBOOK_RECIPE, 1, 1, null, now);
    runEnded('done');
    announce('r');
    runSavedAs('m1', [{ id: 'm1', name: 'Model 1' }]);
    announce(null);
    runSavedAs(null, [], false);
    expect(appStore.getState().runs.list[0]?.savedModel).toEqual({ id: 'm1', name: 'Model 1' });
    runSavedAs(null, [{ id: 'm2', name: 'Model 2' }]);
    expect(appStore.getState().runs.list[0]?.savedModel).toBeNull();
  });

  it('starts a new run rather than continue one past the epochs a run keeps', () => {
    announce(null, false);
    runStarted('long', NOTEBOOK_RECIPE, 1, 1, null, now);
    for (let epoch = 1; epoch <= RUN_BOUNDS.epochs - 2; epoch++) runEpoch({ ...log, epoch });
    runEnded('done');
    announce('long');
    expect(runToContinue(appStore.getState(), { ...NOTEBOOK_RECIPE, epochs: 2 })?.room).toBe(true);
    expect(runToContinue(appStore.getState(), { ...NOTEBOOK_RECIPE, epochs: 3 })?.room).toBe(false);
    expect(runIdForTrain(appStore.getState(), { ...NOTEBOOK_RECIPE, epochs: 3 }, now)).not.toBe('long');
  });
});

describe('my digits in a run', () => {
  const mine = { count: 16, repeat: 10, fingerprint: 'a1b2c3d4' };
  const withMine = { ...NOTEBOOK_RECIPE, myDigits: true, myRepeat: 10 };
  const diagonal = (n: number): number[][] => Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? n : 0)));

  it('records the digits of mine the worker said it trains with, and the latest click’s on Continue', () => {
    announce(null, false);
    dispatch({ type: 'training-started', firstEpoch: 1, lastEpoch: 1, steps: 4, config: withMine, runId: 'r', myDigits: mine });
    expect(appStore.getState().runs.list[0]?.myDigits).toEqual(mine);
    runEnded('done');
    announce('r');
    const more = { ...mine, count: 18, fingerprint: '0f1e2d3c' };
    runStarted('r', withMine, 2, 2, more, now);
    expect(appStore.getState().runs.list).toHaveLength(1);
    expect(appStore.getState().runs.list[0]?.myDigits).toEqual(more);
  });

  it('keeps an evaluation on my held-out digits beside the validation, never in its place', () => {
    announce(null, false);
    runStarted('r', withMine, 1, 1, mine, now);
    runEvaluated(diagonal(100), 'test');
    runEvaluated(diagonal(1), 'mine');
    const [run] = appStore.getState().runs.list;
    expect(run?.evaluation?.summary.total).toBe(1000);
    expect(run?.myEvaluation?.summary).toMatchObject({ total: 10, accuracy: 1 });
    // Only the run being recorded: Evaluate on my digits after it ended is not the run's.
    runEnded('done');
    runEvaluated(diagonal(2), 'mine');
    expect(appStore.getState().runs.list[0]?.myEvaluation?.summary.total).toBe(10);
  });

  it('scores a run on my held-out digits even where it trained on MNIST alone', () => {
    announce(null, false);
    runStarted('r', NOTEBOOK_RECIPE, 1, 1, null, now);
    runEvaluated(diagonal(1), 'mine');
    expect(appStore.getState().runs.list[0]).toMatchObject({ myDigits: null, evaluation: null, myEvaluation: { summary: { total: 10 } } });
  });
});

describe('where a run started from', () => {
  it('names the earlier run and its epoch when the weights were trained in this page, not the run itself', () => {
    announce(null, false);
    const a = '20261125-134501';
    const b = '20261125-140000';
    dispatch({ type: 'training-started', firstEpoch: 1, lastEpoch: 1, steps: 4, config: NOTEBOOK_RECIPE, runId: a, myDigits: null });
    dispatch({ type: 'training-epoch', log: { ...log, lastEpoch: 1 } });
    dispatch({ type: 'training-ended', state: 'done', epochsDone: 1 });
    dispatch({
      type: 'training-started',
      firstEpoch: 2,
      lastEpoch: 2,
      steps: 4,
      config: { ...NOTEBOOK_RECIPE, learningRate: 0.01 },
      runId: b,
      myDigits: null,
    });
    const list = appStore.getState().runs.list;
    expect(list.find((run) => run.id === a)?.from).toBeNull();
    expect(list.find((run) => run.id === b)?.from).toBe(`run ${a} after epoch 1`);
  });
});

describe('where a new run starts from', () => {
  it('names the run whose weights it takes, and never itself', () => {
    announce(null, false);
    runStarted('20261201-083335', NOTEBOOK_RECIPE, 1, 1, null, now);
    runEpoch({ ...log, epoch: 1, lastEpoch: 1 });
    runEnded('done', null);
    appStore.setState({ training: { ...appStore.getState().training, epochsDone: 1 } });
    announce('20261201-083335');
    runStarted('20261201-090000', { ...NOTEBOOK_RECIPE, learningRate: 0.01 }, 2, 2, null, now);
    const [second] = appStore.getState().runs.list;
    expect(second?.origin).toEqual({ kind: 'continued', runId: '20261201-083335', epoch: 1 });
    expect(second?.from).toBe('run 20261201-083335 after epoch 1');
    // Weights said to be of the very run that starts (a record missing from the list): trained weights, not itself.
    announce('20261201-100000');
    runEnded('done', null);
    runStarted('20261201-100000', NOTEBOOK_RECIPE, 2, 2, null, now);
    expect(appStore.getState().runs.list.find((run) => run.id === '20261201-100000')?.origin).toEqual({ kind: 'trained', epoch: 1 });
  });
});
