import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_RECIPE } from '../settings';
import { appStore, initialState } from '../store';
import { endRun, startRun, type RunRecord } from './record';
import { MAX_RUNS, keepRuns } from './runKeeper';

const run = (minute: number): RunRecord => {
  const startedAt = new Date(2026, 11, 1, 9, minute);
  const id = `20261201-09${String(minute).padStart(2, '0')}00`;
  return endRun(startRun({ id, config: NOTEBOOK_RECIPE, plannedEpochs: 1, engine: 'wasm', device: 'wasm', from: null, startedAt }), 'done');
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
});
