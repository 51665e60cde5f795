import type { DBSchema, IDBPDatabase } from 'idb';
import { withDatabase } from '../../worker/storage/appDb';
import { runIdFor, type RunRecord } from './record';
import { upgradeRun, type EarlierRun } from './earlierRuns';

/** A run as the database holds it: the record, how often it was written, and the tab that wrote it last. */
type StoredValue = EarlierRun & { readonly revision?: number; readonly tab?: string };

/** The page's own database for runs, shared by its tabs: the worker never touches it. */
interface RunsSchema extends DBSchema {
  /** Runs kept by an earlier version lack the settings added since, and a revision. */
  runs: { key: string; value: StoredValue; indexes: { startedAt: string } };
  /** Run ids handed out but perhaps not written yet, so two tabs never start runs of one id. */
  claims: { key: string; value: { readonly tab: string; readonly at: number } };
}

const NAME = 'mnist-in-a-tab-runs';

/** A claim older than this is let go: its run was written long since, or never started. */
const CLAIM_LIFE_MS = 24 * 3_600_000;

function withRuns<T>(work: (db: IDBPDatabase<RunsSchema>) => Promise<T>): Promise<T> {
  return withDatabase<RunsSchema, T>(
    NAME,
    2,
    (database, oldVersion) => {
      if (oldVersion < 1) database.createObjectStore('runs', { keyPath: 'id' }).createIndex('startedAt', 'startedAt');
      if (oldVersion < 2) database.createObjectStore('claims');
    },
    work,
  );
}

/** A kept run, its revision (0 for a run an earlier version wrote) and the tab that wrote it last. */
export interface StoredRun {
  readonly run: RunRecord;
  readonly revision: number;
  readonly tab: string | null;
}

function fromStore({ revision, tab, ...run }: StoredValue): StoredRun {
  return { run: upgradeRun(run), revision: revision ?? 0, tab: tab ?? null };
}

/** Every kept run, newest first. */
export async function listRuns(): Promise<StoredRun[]> {
  const runs = await withRuns((db) => db.getAllFromIndex('runs', 'startedAt'));
  return runs.reverse().map(fromStore);
}

export async function readRun(id: string): Promise<StoredRun | null> {
  const value = await withRuns((db) => db.get('runs', id));
  return value ? fromStore(value) : null;
}

/** How a write went: written at a new revision, or refused because the database holds a newer copy (or none). */
export type WriteOutcome =
  { readonly written: true; readonly revision: number } | { readonly written: false; readonly stored: StoredRun | null };

/**
 * Writes a run if the database still holds the revision this tab last saw (null: none, a new
 * run), checked in the same transaction as the write, so no tab replaces a newer copy with an
 * older one. Resolves once the write has committed.
 */
export async function writeRun(run: RunRecord, seen: number | null, tab: string): Promise<WriteOutcome> {
  return withRuns(async (db) => {
    const transaction = db.transaction('runs', 'readwrite');
    const stored = await transaction.store.get(run.id);
    const current = stored ? (stored.revision ?? 0) : null;
    if (current !== seen) {
      await transaction.done;
      return { written: false, stored: stored ? fromStore(stored) : null };
    }
    const revision = (seen ?? 0) + 1;
    await Promise.all([transaction.store.put({ ...run, revision, tab }), transaction.done]);
    return { written: true, revision };
  });
}

export async function forgetRun(id: string): Promise<void> {
  await withRuns((db) => db.delete('runs', id));
}

/**
 * An id for a run starting at `time` (`preferred` if it is free), free in the database and in
 * `taken` (this tab's list), and claimed in the same transaction, so a tab that clicks Train in
 * the same second gets another.
 */
export async function claimRunId(
  time: Date,
  taken: ReadonlySet<string>,
  tab: string,
  preferred?: string,
  now = Date.now(),
): Promise<string> {
  return withRuns(async (db) => {
    const transaction = db.transaction(['runs', 'claims'], 'readwrite');
    const [runs, claims] = [transaction.objectStore('runs'), transaction.objectStore('claims')];
    const [runIds, claimed] = await Promise.all([runs.getAllKeys(), claims.getAll(null)]);
    const claimIds = await claims.getAllKeys();
    const used = new Set([...taken, ...runIds, ...claimIds]);
    const id = preferred && !used.has(preferred) ? preferred : runIdFor(time, used);
    const stale = claimIds.filter((_, i) => now - (claimed[i]?.at ?? 0) > CLAIM_LIFE_MS);
    await Promise.all([claims.put({ tab, at: now }, id), ...stale.map((key) => claims.delete(key)), transaction.done]);
    return id;
  });
}
