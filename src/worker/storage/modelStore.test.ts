import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WeightValues } from '../../ml/network/checkpoint';
import type { ModelMeta } from '../../ml/network/modelMeta';
import { migrateLegacyModels } from './legacyModels';
import { deleteModel, describeStorageFailure, listModels, loadWeights, saveModel } from './modelStore';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { planOf, plannedWeights } from '../../ml/network/plan';

const meta = (id: string, savedAt = '2026-11-25T10:00:00Z'): ModelMeta => ({
  id,
  name: `model ${id}`,
  savedAt,
  epochs: 1,
  testAccuracy: 0.9,
  backend: 'wasm',
  seed: 42,
  trainingSeconds: 3,
  network: NOTEBOOK_NETWORK,
  optimizer: { optimizer: 'rmsprop', learningRate: 0.002 },
  myHoldOut: null,
});

const EXPECTED_WEIGHTS = plannedWeights(planOf(NOTEBOOK_NETWORK));

/** The network's weights, each value its own index: easy to tell apart. */
const weights = (): WeightValues[] =>
  EXPECTED_WEIGHTS.map((weight) => ({
    name: weight.name,
    shape: [...weight.shape],
    values: Float32Array.from({ length: weight.shape.reduce((a, b) => a * b, 1) }, (_, i) => i / 1000),
  }));

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
});

describe('the model store', () => {
  it('saves, lists newest first, loads and deletes', async () => {
    await saveModel(meta('a', '2026-11-01T00:00:00Z'), weights());
    await saveModel(meta('b'), weights());
    expect((await listModels()).map((entry) => entry.id)).toEqual(['b', 'a']);
    expect((await listModels())[0]?.optimizer).toEqual({ optimizer: 'rmsprop', learningRate: 0.002 });
    expect((await loadWeights(meta('a'))).map((entry) => Array.from(entry.values.slice(0, 3)))).toEqual(
      weights().map((entry) => Array.from(entry.values.slice(0, 3))),
    );
    await deleteModel('a');
    expect((await listModels()).map((entry) => entry.id)).toEqual(['b']);
    await expect(loadWeights(meta('a'))).rejects.toThrow('“model a” is no longer saved: it was deleted, perhaps in another tab.');
  });

  it('refuses a name another model has, whatever its case, and writes nothing', async () => {
    await saveModel({ ...meta('a'), name: 'Best so far' }, weights());
    await expect(saveModel({ ...meta('b'), name: ' best SO far ' }, weights())).rejects.toThrow(
      'A model named “ best SO far ” is already saved (perhaps in another tab): choose another name.',
    );
    expect((await listModels()).map((entry) => entry.id)).toEqual(['a']);
  });

  it('leaves nothing behind when a save fails part-way', async () => {
    const unstorable = weights().map((entry) => ({ ...entry, values: entry.values, extra: () => undefined }));
    await expect(saveModel(meta('bad'), unstorable)).rejects.toThrow(/^Saving the model failed/);
    const leftovers = await openDB('mnist-in-a-tab').then(async (db) => {
      const found = [await db.getAllKeys('models'), await db.getAllKeys('weights')];
      db.close();
      return found;
    });
    expect(leftovers).toEqual([[], []]);
  });

  it('moves a model the first version saved through tfjs into its own database, and drops metadata without weights', async () => {
    const v1 = await openDB('mnist-in-a-tab', 1, { upgrade: (db) => db.createObjectStore('models', { keyPath: 'id' }) });
    await v1.put('models', meta('old'));
    await v1.put('models', meta('orphan', '2026-11-02T00:00:00Z'));
    v1.close();
    const bytes = new Float32Array(weights().flatMap((entry) => Array.from(entry.values)));
    const tfjs = await openDB('tensorflowjs', 1, {
      upgrade(db) {
        db.createObjectStore('models_store', { keyPath: 'modelPath' });
        db.createObjectStore('model_info_store', { keyPath: 'modelPath' });
      },
    });
    await tfjs.put('models_store', {
      modelPath: 'mnist-old',
      modelArtifacts: { weightSpecs: EXPECTED_WEIGHTS.map((w) => ({ ...w, dtype: 'float32' })), weightData: bytes.buffer },
    });
    tfjs.close();

    await migrateLegacyModels();
    expect((await listModels()).map((entry) => entry.id)).toEqual(['old']);
    const moved = await loadWeights(meta('old'));
    expect(Array.from(moved[4]?.values.slice(0, 3) ?? [])).toEqual(Array.from(weights()[4]?.values.slice(0, 3) ?? []));
    const after = await openDB('tensorflowjs', 1);
    expect(await after.getAllKeys('models_store')).toEqual([]);
    after.close();
  });
});

describe('describeStorageFailure', () => {
  it('names a full disk, a browser that refuses storage, and keeps anything else to one short line', () => {
    expect(describeStorageFailure('Saving the model', new DOMException('over', 'QuotaExceededError')).message).toBe(
      "Saving the model failed: the browser's storage for this site is full. Delete saved models or free disk space, then retry.",
    );
    for (const refusal of [
      new DOMException('no', 'InvalidStateError'),
      new DOMException('no', 'SecurityError'),
      new Error('indexedDB is not defined'),
    ]) {
      expect(describeStorageFailure('Reading the saved models', refusal).message).toBe(
        'Reading the saved models failed: this browser does not allow this site to store data (as in some private modes).',
      );
    }
    expect(describeStorageFailure('Loading the model', new Error('entry is damaged\n    at somewhere (x.js:1:2)')).message).toBe(
      "Loading the model failed: the browser's storage gave an error (entry is damaged).",
    );
  });
});
