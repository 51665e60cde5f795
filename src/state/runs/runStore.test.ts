import { FRESH } from './origin';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { NOTEBOOK_RECIPE } from '../settings';
import { startRun, type RunRecord } from './record';
import { claimRunId, listRuns, readRun, writeRun } from './runStore';

const startedAt = new Date(2026, 11, 1, 9, 30, 15);
const run: RunRecord = startRun({
  id: '20261201-093015',
  config: NOTEBOOK_RECIPE,
  plannedEpochs: 2,
  engine: 'wasm',
  device: 'wasm',
  origin: FRESH,
  startedAt,
  myDigits: null,
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the runs database', () => {
  it('gives two tabs that start a run in the same second different ids', async () => {
    const [a, b] = await Promise.all([claimRunId(startedAt, new Set(), 'tab-a'), claimRunId(startedAt, new Set(), 'tab-b')]);
    expect(new Set([a, b])).toEqual(new Set(['20261201-093015', '20261201-093015-2']));
    expect(await claimRunId(startedAt, new Set(['20261201-093015-3']), 'tab-a')).toBe('20261201-093015-4');
  });

  it('keeps an imported id where it is free, and finds the next one where a run holds it', async () => {
    expect(await claimRunId(startedAt, new Set(), 'tab', 'imported')).toBe('imported');
    await writeRun(run, null, 'tab');
    expect(await claimRunId(startedAt, new Set(), 'tab', run.id)).toBe('20261201-093015-2');
  });

  it('never writes over a newer copy: a stale tab’s write is refused and handed the stored one', async () => {
    const first = await writeRun(run, null, 'tab-a');
    expect(first).toEqual({ written: true, revision: 1 });
    const trained = {
      ...run,
      epochs: [
        ...run.epochs,
        { epoch: 1, lastEpoch: 2, steps: 4, msPerStep: 20, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 1 },
      ],
    };
    expect(await writeRun(trained, 1, 'tab-a')).toEqual({ written: true, revision: 2 });

    // Tab B read the run at revision 1 and renames it: refused, with the copy that has epoch 1.
    const stale = await writeRun({ ...run, name: 'renamed' }, 1, 'tab-b');
    expect(stale.written).toBe(false);
    expect(!stale.written && stale.stored?.run.epochs).toHaveLength(1);
    expect((await readRun(run.id))?.run.name).toBe(run.id);

    // A new run written under a taken id is refused too.
    expect((await writeRun(run, null, 'tab-b')).written).toBe(false);
    const [kept] = await listRuns();
    expect(kept).toMatchObject({ revision: 2, tab: 'tab-a' });
    expect(kept?.run).not.toHaveProperty('revision');
  });

  it('reads a run kept by version 3 as one that never trained with my digits nor was scored on them', async () => {
    const mine: RunRecord = {
      ...run,
      settings: { ...NOTEBOOK_RECIPE, myDigits: true, myRepeat: 10, myHoldOut: 0.3 },
      myDigits: { count: 16, repeat: 10, fingerprint: 'a1b2c3d4' },
    };
    await writeRun(mine, null, 'tab');
    expect((await readRun(run.id))?.run).toEqual(mine);

    // As version 3 wrote it: none of the fields version 4 added.
    const { settings: current, ...rest } = { ...run, version: 3, revision: 1, tab: 'tab' };
    const settings: Record<string, unknown> = { ...current };
    const kept: Record<string, unknown> = { ...rest, settings };
    delete settings.myDigits;
    delete settings.myRepeat;
    delete settings.myHoldOut;
    delete kept.myDigits;
    delete kept.myEvaluation;
    const db = await openDB('mnist-in-a-tab-runs');
    await db.put('runs', kept);
    db.close();
    expect((await readRun(run.id))?.run).toEqual({
      ...run,
      settings: { ...run.settings, myDigits: false, myRepeat: 1, myHoldOut: 0.2 },
      myDigits: null,
      myEvaluation: null,
    });
  });
});
