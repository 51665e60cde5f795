import { errorMessage } from '../../ml/errors';
import { openTabs } from '../../worker/tabs';
import { appStore } from '../store';
import { endRun, type RunRecord } from './record';
import { runsFailed, runsNotice } from './runActions';
import { INTERRUPTED, RunPeers } from './runPeers';
import { forgetRun, listRuns, writeRun, type StoredRun } from './runStore';

/** A run in training is written at most once in this long: its epochs can come several a second. */
const TRAINING_WRITE_MS = 1_000;

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
    before.myEvaluation !== after.myEvaluation ||
    before.myDigits !== after.myDigits ||
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

/** The run the list should lose to stay within MAX_RUNS: the oldest, but never one in training nor the one just added. */
function evicted(list: readonly RunRecord[], spared: ReadonlySet<string>): RunRecord | undefined {
  return list
    .slice(1)
    .filter((run) => !spared.has(run.id))
    .reduce<RunRecord | undefined>((first, run) => (!first || run.startedAt < first.startedAt ? run : first), undefined);
}

/**
 * Keeps the store's runs in IndexedDB, shared with the app's other tabs: loads them once (a
 * run left "running" by a page that is gone is marked stopped), writes each run when it changes
 * in a way worth keeping (never over a newer copy), hears what other tabs write, and trims the
 * list to MAX_RUNS.
 */
export async function keepRuns(tab: string): Promise<void> {
  let stored: StoredRun[] = [];
  try {
    stored = await listRuns();
  } catch (error) {
    runsFailed(describeFailure(error).replace('This run could not be kept', 'The kept runs could not be read'));
  }
  const open = await openTabs().catch(() => null);
  const peers = new RunPeers(tab);
  const elsewhere = stored.filter(
    ({ run, tab: writer }) => run.state === 'running' && writer !== null && writer !== tab && open?.has(writer),
  );
  // What the database holds: a run differing from it is written, on top of the revision seen.
  for (const entry of stored) peers.seen(entry);
  const loaded = stored.map(({ run }) =>
    run.state === 'running' && !elsewhere.some((entry) => entry.run.id === run.id) ? endRun(run, 'stopped', INTERRUPTED) : run,
  );
  const current = appStore.getState().runs;
  appStore.setState({
    runs: {
      ...current,
      list: [...current.list.filter((run) => !loaded.some((entry) => entry.id === run.id)), ...loaded],
      elsewhere: elsewhere.map(({ run }) => run.id),
    },
  });
  for (const entry of elsewhere) peers.watchWriter(entry);

  /** Writes what differs from the database, one run at a time; true if it wrote a run still training. */
  const writeChanges = async (runs: readonly RunRecord[]): Promise<boolean> => {
    const { elsewhere: others, recording } = appStore.getState().runs;
    const due = runs.filter((run) => peers.failed.has(run.id) || changed(peers.run(run.id), run));
    const gone = peers.ids().filter((id) => !runs.some((run) => run.id === id) && !others.includes(id));
    for (const run of due) peers.pending(run);
    for (const id of gone) peers.forget(id);
    if (due.length === 0 && gone.length === 0) return false;
    try {
      for (const run of due) {
        // Another tab trains it and writes it: a rename here goes to that tab, which writes it.
        if (others.includes(run.id)) peers.renamed(run);
        else await peers.write(run, recording === run.id, writeRun);
      }
      await Promise.all(gone.map(async (id) => forgetRun(id).then(() => peers.announce(id))));
      runsFailed(null);
    } catch (error) {
      // Not kept: try again at the next change.
      for (const run of due) peers.failed.add(run.id);
      runsFailed(describeFailure(error));
    }
    return due.some((run) => run.state === 'running');
  };

  // One write at a time, of the newest list: epochs that come faster than the database takes
  // them are written together, never queued one copy each (a queue of whole runs grew the heap).
  // A run in training is written at most about once a second; anything else (a run ending, a
  // rename, a deletion) cuts the wait short, so a reload right after it finds it kept.
  let latest: readonly RunRecord[] | null = null;
  let flushing = false;
  let wake: (() => void) | null = null;
  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(done, TRAINING_WRITE_MS);
      wake = done;
    });
  const urgent = (runs: readonly RunRecord[]): boolean =>
    runs.length !== peers.ids().length ||
    runs.some((run) => {
      const known = peers.run(run.id);
      return !known || known.state !== run.state || known.name !== run.name || known.savedModel !== run.savedModel;
    });
  // Read through a function: `latest` changes while the loop below awaits.
  const waitingUrgent = (): boolean => latest !== null && urgent(latest);
  const write = (runs: readonly RunRecord[]): void => {
    latest = runs;
    if (flushing) {
      if (urgent(runs)) wake?.();
      return;
    }
    flushing = true;
    void (async () => {
      while (latest) {
        const runs = latest;
        latest = null;
        // A change already waiting that must not wait (the run ended) is written at once.
        if ((await writeChanges(runs)) && !waitingUrgent()) await pause();
      }
      flushing = false;
    })();
  };
  write(appStore.getState().runs.list);
  appStore.subscribe((state, previous) => {
    if (state.runs.list === previous.runs.list) return;
    const { list, recording, elsewhere: others } = state.runs;
    if (list.length > MAX_RUNS) {
      const oldest = evicted(list, new Set([...(recording ? [recording] : []), ...others]));
      if (oldest) {
        runsNotice(`The oldest run, ${oldest.name}, was removed: at most ${MAX_RUNS} runs are kept.`);
        // From the store as it is now, not `state`: that one predates the notice just set.
        const now = appStore.getState().runs;
        appStore.setState({ runs: { ...now, list: now.list.filter((run) => run.id !== oldest.id) } });
        return;
      }
    }
    write(list);
  });
}
