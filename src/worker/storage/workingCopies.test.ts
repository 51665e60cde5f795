import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_SLOTS, keepWorkingCopy, lastCopy } from './workingCopies';
import type { Snapshot } from '../protocol';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { NOTEBOOK_OPTIMIZER, type OptimizerConfig } from '../../ml/training/optimizers';

const snapshot = (epochs: number): Snapshot => ({
  checkpoint: { epochs, weights: [{ name: 'w', shape: [2], values: Float32Array.from([epochs, 1]) }] },
  trained: epochs > 0,
  record: {
    network: NOTEBOOK_NETWORK,
    seed: 1,
    trainingSeconds: epochs,
    testAccuracy: null,
    source: null,
    runId: null,
    optimizer: NOTEBOOK_OPTIMIZER,
    myHoldOut: null,
  },
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('each tab’s last good weights', () => {
  it('brings back a tab’s own weights, never another tab’s, and a Reset in one tab leaves the other’s', async () => {
    await keepWorkingCopy('a', snapshot(2), 1_000);
    await keepWorkingCopy('b', snapshot(5), 2_000);
    const own = await lastCopy('a');
    expect(own.whose === 'this-tab' && own.snapshot.checkpoint.epochs).toBe(2);

    await keepWorkingCopy('b', null, 3_000);
    const after = await lastCopy('a');
    expect(after.whose === 'this-tab' && after.snapshot.checkpoint.epochs).toBe(2);
    expect((await lastCopy('b')).whose).toBe('reset');
  });

  it('gives a new tab the newest trained weights any tab left, and says they are another tab’s', async () => {
    await keepWorkingCopy('a', snapshot(2), 1_000);
    await keepWorkingCopy('b', snapshot(5), 2_000);
    await keepWorkingCopy('c', snapshot(0), 3_000);
    const copy = await lastCopy('new');
    // Without Web Locks nobody can tell which tabs are open: the other tab counts as closed.
    expect(copy.whose).toBe('closed-tab');
    expect(copy.whose !== 'none' && copy.whose !== 'reset' && copy.snapshot.checkpoint.epochs).toBe(5);
    expect((await lastCopy('new')).whose).not.toBe('this-tab');
  });

  it('reads the one slot an earlier version kept for every tab as a closed tab’s', async () => {
    const db = await openDB('mnist-in-a-tab', 3, {
      upgrade(database) {
        for (const name of ['models', 'weights', 'working', 'engines'])
          database.createObjectStore(name, name === 'models' ? { keyPath: 'id' } : {});
      },
    });
    await db.put('working', snapshot(3), 'current');
    db.close();
    const copy = await lastCopy('tab');
    expect(copy.whose === 'closed-tab' && copy.snapshot.checkpoint.epochs).toBe(3);
  });

  it('keeps the optimiser that trained the weights, and reads one kept before it was, or a malformed one, as the notebook’s', async () => {
    const sgd: OptimizerConfig = { optimizer: 'sgd', learningRate: 0.01 };
    await keepWorkingCopy('sgd', { ...snapshot(2), record: { ...snapshot(2).record, optimizer: sgd } });
    const kept = await lastCopy('sgd');
    expect(kept.whose === 'this-tab' && kept.snapshot.record.optimizer).toEqual(sgd);

    const older: Record<string, unknown> = { ...snapshot(3).record };
    delete older.optimizer;
    const malformed = [
      { optimizer: 'adamw', learningRate: 0.01 },
      { optimizer: 'sgd', learningRate: -1 },
      { optimizer: 'sgd' },
      'sgd',
      null,
    ];
    const records = [older, ...malformed.map((optimizer) => ({ ...snapshot(3).record, optimizer }))];
    const db = await openDB('mnist-in-a-tab');
    for (const [i, record] of records.entries()) await db.put('working', { snapshot: { ...snapshot(3), record }, keptAt: i }, `old${i}`);
    db.close();
    for (const i of records.keys()) {
      const copy = await lastCopy(`old${i}`);
      expect(copy.whose === 'this-tab' && copy.snapshot.record.optimizer).toEqual(NOTEBOOK_OPTIMIZER);
    }
  });

  it(`keeps at most ${MAX_SLOTS} slots, dropping the oldest closed tabs’ first and never the writer’s own`, async () => {
    for (let i = 0; i < MAX_SLOTS + 3; i++) await keepWorkingCopy(`tab${i}`, snapshot(i + 1), i);
    await keepWorkingCopy('tab0', snapshot(1), 100);
    const db = await openDB('mnist-in-a-tab');
    const keys = await db.getAllKeys('working');
    db.close();
    expect(keys).toHaveLength(MAX_SLOTS);
    expect(keys).toContain('tab0');
    expect(keys).toContain(`tab${MAX_SLOTS + 2}`);
    expect(keys).not.toContain('tab1');
  });
});
