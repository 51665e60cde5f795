import { openDB } from 'idb';
import type { WeightValues } from '../../ml/network/checkpoint';
import { decodeWeights, type WeightSpec } from '../../ml/network/modelFile';
import { readModelMeta } from '../../ml/network/modelMeta';
import { NOTEBOOK_NETWORK } from '../../ml/network/network';
import { planOf, plannedWeights } from '../../ml/network/plan';
import { withAppDb } from './appDb';
import { isRecord } from '../../ml/json';

/** Where the first version of the app let tfjs keep each saved model's weights (`indexeddb://mnist-<id>`). */
const TFJS_DB = 'tensorflowjs';
const TFJS_STORES = ['models_store', 'model_info_store'] as const;

/** The weight specs and bytes of a model tfjs stored, or null if the record is not one. */
function artifactsOf(record: unknown): { specs: WeightSpec[]; data: ArrayBuffer } | null {
  const artifacts = isRecord(record) ? record.modelArtifacts : undefined;
  if (!isRecord(artifacts) || !(artifacts.weightData instanceof ArrayBuffer) || !Array.isArray(artifacts.weightSpecs)) return null;
  const specs = artifacts.weightSpecs.filter(
    (spec): spec is WeightSpec => isRecord(spec) && typeof spec.name === 'string' && Array.isArray(spec.shape),
  );
  return { specs, data: artifacts.weightData };
}

/** The first version saved only the notebook's network: weights of any other names or shapes are not its. */
const NOTEBOOK_WEIGHTS = plannedWeights(planOf(NOTEBOOK_NETWORK));

function decodedOrNull(specs: WeightSpec[], data: ArrayBuffer): WeightValues[] | null {
  const fits =
    specs.length === NOTEBOOK_WEIGHTS.length &&
    NOTEBOOK_WEIGHTS.every((weight, i) => specs[i]?.name === weight.name && specs[i].shape.join() === weight.shape.join());
  if (!fits) return null;
  try {
    return decodeWeights(specs, data);
  } catch {
    // Not this network's weights: nothing can be made of them.
    return null;
  }
}

async function tfjsDatabaseExists(): Promise<boolean> {
  // Opening a database that is not there would create it; where the list is unavailable, look anyway.
  if (!('databases' in indexedDB)) return true;
  return (await indexedDB.databases()).some((database) => database.name === TFJS_DB);
}

/**
 * Moves models saved by the first version of the app into the app's own database, so
 * an update never loses one: weights from tfjs' database go beside their metadata, and
 * the old copies are removed. Metadata whose weights are nowhere is dropped.
 */
export async function migrateLegacyModels(): Promise<void> {
  const orphans = await withAppDb(async (db) => {
    const [metas, withWeights] = await Promise.all([db.getAll('models'), db.getAllKeys('weights')]);
    const stored = new Set(withWeights);
    return metas.filter((meta) => readModelMeta(meta) !== null && !stored.has(meta.id)).map((meta) => meta.id);
  });
  if (orphans.length === 0 || !(await tfjsDatabaseExists())) {
    if (orphans.length > 0) await withAppDb((db) => Promise.all(orphans.map((id) => db.delete('models', id))));
    return;
  }
  const legacy = await openDB(TFJS_DB, 1, {
    upgrade(database) {
      for (const store of TFJS_STORES) database.createObjectStore(store, { keyPath: 'modelPath' });
    },
  });
  try {
    for (const id of orphans) {
      const found = artifactsOf(await legacy.get('models_store', `mnist-${id}`));
      const weights = found ? decodedOrNull(found.specs, found.data) : null;
      await withAppDb(async (db) => {
        if (weights) await db.put('weights', weights, id);
        else await db.delete('models', id);
      });
      if (weights) await Promise.all(TFJS_STORES.map((store) => legacy.delete(store, `mnist-${id}`)));
    }
  } finally {
    legacy.close();
  }
}
