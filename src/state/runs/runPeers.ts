import { assertNever } from '../../ml/errors';
import { whenTabCloses } from '../../worker/tabs';
import { appStore, type RunsView } from '../store';
import { endRun, type RunRecord } from './record';
import { runRenamed } from './runActions';
import { readRun, type StoredRun, type WriteOutcome } from './runStore';

/** Every tab of the app hears on this channel which run another one wrote, or asks the tab training one to rename it. */
const CHANNEL = 'mnist-in-a-tab-runs';

/** Why a run whose page went away mid-training stopped. */
export const INTERRUPTED = 'The page was closed or reloaded during this run.';

type PeerMessage =
  { readonly kind: 'changed'; readonly id: string } | { readonly kind: 'renamed'; readonly id: string; readonly name: string };

interface Known {
  /** The run as this tab last wrote or read it (or is about to write it). */
  readonly run: RunRecord;
  /** The revision the database held when this tab last wrote or read it; null: never stored. */
  readonly revision: number | null;
  readonly writer: string | null;
}

function updateRuns(change: (runs: RunsView) => Partial<RunsView>): void {
  const { runs } = appStore.getState();
  appStore.setState({ runs: { ...runs, ...change(runs) } });
}

/**
 * What this tab knows of each run in the database, and its link to the other tabs: it tells
 * them what it wrote, takes in what they wrote, and follows the runs another tab trains.
 */
export class RunPeers {
  private readonly known = new Map<string, Known>();
  /** Runs whose last write failed: written again at the next change, whatever it is. */
  readonly failed = new Set<string>();
  private readonly watching = new Set<string>();
  private readonly channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);

  constructor(private readonly tab: string) {
    if (this.channel) {
      this.channel.onmessage = (event: MessageEvent<PeerMessage>) => {
        void this.heard(event.data);
      };
    }
  }

  seen({ run, revision, tab }: StoredRun): void {
    this.known.set(run.id, { run, revision, writer: tab });
  }

  run(id: string): RunRecord | undefined {
    return this.known.get(id)?.run;
  }

  ids(): string[] {
    return [...this.known.keys()];
  }

  /** About to be written: a change of this tab's, not to be written twice. */
  pending(run: RunRecord): void {
    const before = this.known.get(run.id);
    this.known.set(run.id, { run, revision: before?.revision ?? null, writer: before?.writer ?? null });
    this.failed.delete(run.id);
  }

  forget(id: string): void {
    this.known.delete(id);
  }

  announce(id: string): void {
    this.channel?.postMessage({ kind: 'changed', id } satisfies PeerMessage);
  }

  /** A run another tab trains was renamed here: that tab, its only writer, renames it too. */
  renamed(run: RunRecord): void {
    this.channel?.postMessage({ kind: 'renamed', id: run.id, name: run.name } satisfies PeerMessage);
  }

  /**
   * Writes the run on top of the revision this tab saw. Refused (another tab wrote it since,
   * or deleted it), the database's copy wins, except for the run this tab is training: its
   * newer epochs are written over whatever is there.
   */
  async write(
    run: RunRecord,
    training: boolean,
    write: (run: RunRecord, seen: number | null, tab: string) => Promise<WriteOutcome>,
  ): Promise<void> {
    let outcome = await write(run, this.known.get(run.id)?.revision ?? null, this.tab);
    if (!outcome.written && training) outcome = await write(run, outcome.stored?.revision ?? null, this.tab);
    if (outcome.written) {
      this.known.set(run.id, { run, revision: outcome.revision, writer: this.tab });
      this.announce(run.id);
    } else this.adopt(run.id, outcome.stored);
  }

  private async heard(message: PeerMessage): Promise<void> {
    const training = appStore.getState().runs.recording === message.id;
    switch (message.kind) {
      case 'renamed':
        if (training) runRenamed(message.id, message.name);
        return;
      case 'changed': {
        // Only this tab writes the run it trains; what it holds is newer than anything written.
        if (training) return;
        const stored = await readRun(message.id);
        const before = this.known.get(message.id);
        if (!stored || !before || before.revision === null || stored.revision > before.revision) this.adopt(message.id, stored);
        return;
      }
      default:
        assertNever(message);
    }
  }

  /** Takes the database's copy of a run into this tab (none: it was deleted elsewhere). */
  private adopt(id: string, stored: StoredRun | null): void {
    if (!stored) {
      this.known.delete(id);
      updateRuns((runs) => ({
        list: runs.list.filter((run) => run.id !== id),
        compared: runs.compared.filter((entry) => entry !== id),
        opened: runs.opened === id ? null : runs.opened,
        elsewhere: runs.elsewhere.filter((entry) => entry !== id),
      }));
      return;
    }
    this.seen(stored);
    const running = stored.run.state === 'running' && stored.tab !== null && stored.tab !== this.tab;
    updateRuns((runs) => ({
      list: runs.list.some((run) => run.id === id)
        ? runs.list.map((run) => (run.id === id ? stored.run : run))
        : [stored.run, ...runs.list],
      elsewhere: running ? [...runs.elsewhere.filter((entry) => entry !== id), id] : runs.elsewhere.filter((entry) => entry !== id),
    }));
    if (running) this.watchWriter(stored);
  }

  /** Once the tab training a run is gone, the run is stopped where it got to, as a reload of that tab would find it. */
  watchWriter({ run, tab }: StoredRun): void {
    if (!tab || this.watching.has(run.id)) return;
    this.watching.add(run.id);
    whenTabCloses(tab, () => {
      this.watching.delete(run.id);
      void readRun(run.id).then((now) => {
        if (!now) {
          this.adopt(run.id, null);
          return;
        }
        this.seen(now);
        const stopped = now.run.state === 'running' ? endRun(now.run, 'stopped', INTERRUPTED) : now.run;
        // Not another tab's any more: this one writes the stopped state, on top of what it just read.
        updateRuns((runs) => ({
          list: runs.list.map((entry) => (entry.id === run.id ? stopped : entry)),
          elsewhere: runs.elsewhere.filter((entry) => entry !== run.id),
        }));
      });
    });
  }
}
