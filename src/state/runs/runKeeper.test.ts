import { FRESH } from './origin';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_RECIPE } from '../settings';
import { appStore, initialState } from '../store';
import { endRun, startRun, type RunRecord } from './record';
import { MAX_RUNS, keepRuns } from './runKeeper';
import { runEnded, runEpoch, runStarted } from './runActions';
import { readRun } from './runStore';

const run = (minute: number): RunRecord => {
  const startedAt = new Date(2026, 11, 1, 9, minute);
  const id = `20261201-09${String(minute).padStart(2, '0')}00`;
  return endRun(
    startRun({ id, config: NOTEBOOK_RECIPE, plannedEpochs: 1, engine: 'wasm', device: 'wasm', origin: FRESH, startedAt, myDigits: null }),
    'done',
  );
};

describe('keeping runs', () => {
  it('removes the oldest past the bound and says which, the notice kept', async () => {
    appStore.setState(initialState(), true);
    await keepRuns('tab');
    // One over the bound at once, the oldest last in the list: as an import of an old run does.
    const list = [...Array.from({ length: MAX_RUNS }, (_, i) => run(i + 1)), run(0)];
    appStore.setState({ runs: { ...appStore.getState().runs, list } });
    const { runs } = appStore.getState();
    expect(runs.list).toHaveLength(MAX_RUNS);
    expect(runs.list.some((r) => r.id === '20261201-090000')).toBe(false);
    expect(runs.notice).toBe(`The oldest run, 20261201-090000, was removed: at most ${MAX_RUNS} runs are kept.`);
  });

  it('writes a run that ends at once, even while a write of its training waits its turn', async () => {
    appStore.setState(initialState(), true);
    await keepRuns('tab');
    const startedAt = new Date(2026, 11, 1, 10, 0, 0);
    runStarted('20261201-100000', NOTEBOOK_RECIPE, 1, 2, null, startedAt);
    const log = { epoch: 1, lastEpoch: 2, steps: 4, seconds: 1, msPerStep: 20, loss: 0.5, accuracy: 0.8, valLoss: 0.4, valAccuracy: 0.85 };
    runEpoch(log);
    runEpoch({ ...log, epoch: 2 });
    runEnded('done');
    // Well inside the second a run in training waits between writes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const kept = await readRun('20261201-100000');
    expect(kept?.run.state).toBe('done');
    expect(kept?.run.epochs).toHaveLength(2);
  });
});
