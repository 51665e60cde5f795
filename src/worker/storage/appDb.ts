import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { WeightValues } from '../../ml/network/checkpoint';
import type { StoredModelMeta } from '../../ml/network/modelMeta';
import type { RaceReport } from '../../ml/engines/race';
import type { MyDigit } from '../../ml/data/myDigits';
import type { Snapshot } from '../protocol';

/** The worker's database. Version 1 had only `models`, whose weights tfjs kept in its own database; 3 added `engines`, 4 `digits`. */
export interface AppSchema extends DBSchema {
  /** What the list shows of each saved model. */
  models: { key: string; value: StoredModelMeta };
  /** Each saved model's weights, under its id: written in the same transaction as its metadata. */
  weights: { key: string; value: WeightValues[] };
  /**
   * Each tab's last good weights, under its tab id, so a reload or a crash does not lose them
   * and one tab never takes another's. An earlier version kept one `current` Snapshot for all.
   */
  working: { key: string; value: WorkingSlot | StoredSnapshot };
  /** The last engine race, under the key of the build, browser and device it was run on. */
  engines: { key: string; value: { key: string; report: StoredRace } };
  /** The learner's own digits, under their ids (checked with readMyDigit when read). */
  digits: { key: string; value: MyDigit };
}

/** A race as stored: one kept before networks could be edited does not say which it timed (the notebook's). */
export type StoredRace = Omit<RaceReport, 'network' | 'multiplyAdds'> & Partial<Pick<RaceReport, 'network' | 'multiplyAdds'>>;

/** One tab's last good weights (null: it chose fresh ones), and when they were kept. */
export interface WorkingSlot {
  readonly snapshot: StoredSnapshot | null;
  readonly keptAt: number;
}

/**
 * A snapshot as stored: before networks could be edited, its record did not say which it was (the
 * notebook's); before the optimiser was kept, nor which optimiser trained it (read as the notebook's).
 */
export type StoredSnapshot = Omit<Snapshot, 'record'> & {
  readonly record: Omit<Snapshot['record'], 'network' | 'optimizer' | 'myHoldOut'> & {
    readonly network?: unknown;
    readonly optimizer?: unknown;
    readonly myHoldOut?: unknown;
  };
};

export type AppDb = IDBPDatabase<AppSchema>;

const NAME = 'mnist-in-a-tab';
const VERSION = 4;

/** Opens a database (upgrading it if needed) for one piece of work, and closes it after. */
export async function withDatabase<Schema extends DBSchema, T>(
  name: string,
  version: number,
  upgrade: (database: IDBPDatabase<Schema>, oldVersion: number) => void,
  work: (db: IDBPDatabase<Schema>) => Promise<T>,
): Promise<T> {
  if (typeof indexedDB === 'undefined') throw new DOMException('IndexedDB is unavailable', 'InvalidStateError');
  const db = await openDB<Schema>(name, version, {
    upgrade: (database, oldVersion) => {
      upgrade(database, oldVersion);
    },
    // Another tab wants a newer version: let it have the database.
    blocking() {
      db.close();
    },
  });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** The app's database, for one piece of work. */
export function withAppDb<T>(work: (db: AppDb) => Promise<T>): Promise<T> {
  return withDatabase<AppSchema, T>(
    NAME,
    VERSION,
    (database, oldVersion) => {
      if (oldVersion < 1) database.createObjectStore('models', { keyPath: 'id' });
      if (oldVersion < 2) {
        database.createObjectStore('weights');
        database.createObjectStore('working');
      }
      if (oldVersion < 3) database.createObjectStore('engines');
      if (oldVersion < 4) database.createObjectStore('digits', { keyPath: 'id' });
    },
    work,
  );
}

/**
 * Writes in one transaction that commits whole or not at all. A request that throws
 * (a value that cannot be stored) does not abort a transaction by itself, and a full
 * disk shows only when the commit fails: both end here with nothing written.
 */
export async function writeTogether<Names extends StoreNames<AppSchema>>(
  db: AppDb,
  stores: Names[],
  write: (transaction: IDBPTransaction<AppSchema, Names[], 'readwrite'>) => Promise<void>,
): Promise<void> {
  const transaction = db.transaction(stores, 'readwrite');
  try {
    await write(transaction);
  } catch (error) {
    transaction.abort();
    await transaction.done.catch(() => undefined);
    throw error;
  }
  await transaction.done;
}
