import type { DBSchema, IDBPDatabase } from 'idb';
import { withDatabase } from '../../worker/appDb';
import { upgradeRun, type EarlierRun, type RunRecord } from './record';

/** The page's own database for runs: the worker never touches it. */
interface RunsSchema extends DBSchema {
  /** Runs kept by an earlier version lack the settings added since. */
  runs: { key: string; value: EarlierRun; indexes: { startedAt: string } };
}

const NAME = 'mnist-in-a-tab-runs';

function withRuns<T>(work: (db: IDBPDatabase<RunsSchema>) => Promise<T>): Promise<T> {
  return withDatabase<RunsSchema, T>(
    NAME,
    1,
    (database) => {
      database.createObjectStore('runs', { keyPath: 'id' }).createIndex('startedAt', 'startedAt');
    },
    work,
  );
}

/** Every kept run, newest first. */
export async function listRuns(): Promise<RunRecord[]> {
  const runs = await withRuns((db) => db.getAllFromIndex('runs', 'startedAt'));
  return runs.reverse().map(upgradeRun);
}

/** Writes a run and resolves once the write has committed. */
export async function keepRun(run: RunRecord): Promise<void> {
  await withRuns(async (db) => {
    const transaction = db.transaction('runs', 'readwrite');
    await Promise.all([transaction.store.put(run), transaction.done]);
  });
}

export async function forgetRun(id: string): Promise<void> {
  await withRuns((db) => db.delete('runs', id));
}
