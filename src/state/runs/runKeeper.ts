import { errorMessage } from '../../ml/errors';
import { appStore } from '../store';
import { endRun, type RunRecord } from './record';
import { runsFailed, runsLoaded, runsNotice } from './runActions';
import { forgetRun, keepRun, listRuns } from './runStore';

/** At most this many runs are kept; the oldest goes to make room. */
export const MAX_RUNS = 100;

/** Worth a write: anything but another batch of losses, which rides along with the next epoch. */
function changed(before: RunRecord | undefined, after: RunRecord): boolean {
  return (
    !before ||
    before.state !== after.state ||
    before.name !== after.name ||
    before.epochs.length !== after.epochs.length ||
    before.histograms.length !== after.histograms.length ||
    before.evaluation !== after.evaluation ||
    before.savedModel !== after.savedModel
  );
}

function describeFailure(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const reason =
    name === 'QuotaExceededError'
      ? "the browser's storage for this site is full"
      : name === 'InvalidStateError' || name === 'SecurityError'
        ? 'this browser does not allow this site to store data'
        : errorMessage(error).split('\n')[0];
  return `This run could not be kept: ${reason}. Training goes on; delete old runs or saved models to make room.`;
}

/**
 * Keeps the store's runs in IndexedDB: loads them once (a run left "running" by a closed
 * page is marked stopped), then writes each run when it changes in a way worth keeping,
 * and trims the list to MAX_RUNS.
 */
export async function keepRuns(): Promise<void> {
  let stored: RunRecord[] = [];
  try {
    stored = await listRuns();
  } catch (error) {
    runsFailed(describeFailure(error).replace('This run could not be kept', 'The kept runs could not be read'));
  }
  const interrupted = stored.filter((run) => run.state === 'running');
  const loaded = stored.map((run) =>
    run.state === 'running' ? endRun(run, 'stopped', 'The page was closed or reloaded during this run.') : run,
  );
  runsLoaded(loaded);
  const kept = new Map(loaded.map((run) => [run.id, run]));
  for (const run of interrupted) kept.delete(run.id);

  let writing = Promise.resolve();
  const write = (runs: readonly RunRecord[]): void => {
    const due = runs.filter((run) => changed(kept.get(run.id), run));
    for (const run of due) kept.set(run.id, run);
    const gone = [...kept.keys()].filter((id) => !runs.some((run) => run.id === id));
    for (const id of gone) kept.delete(id);
    if (due.length === 0 && gone.length === 0) return;
    writing = writing.then(async () => {
      try {
        await Promise.all([...due.map(keepRun), ...gone.map(forgetRun)]);
        if (due.length > 0) runsFailed(null);
      } catch (error) {
        // Not kept: try again at the next change.
        for (const run of due) kept.delete(run.id);
        runsFailed(describeFailure(error));
      }
    });
  };
  write(appStore.getState().runs.list);
  appStore.subscribe((state, previous) => {
    if (state.runs.list === previous.runs.list) return;
    const { list, recording } = state.runs;
    if (list.length > MAX_RUNS) {
      const oldest = list
        .filter((run) => run.id !== recording)
        .reduce<RunRecord | undefined>((first, run) => (!first || run.startedAt < first.startedAt ? run : first), undefined);
      if (oldest) {
        runsNotice(`The oldest run, ${oldest.name}, was removed: at most ${MAX_RUNS} runs are kept.`);
        // From the store as it is now, not `state`: that one predates the notice just set.
        const current = appStore.getState().runs;
        appStore.setState({ runs: { ...current, list: current.list.filter((run) => run.id !== oldest.id) } });
        return;
      }
    }
    write(list);
  });
}
