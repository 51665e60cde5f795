import * as tf from '@tensorflow/tfjs';
import type { WeightValues } from '../../ml/network/checkpoint';
import { errorMessage, shortReason } from '../../ml/errors';
import { readModelMeta, sortByDate, type ModelMeta } from '../../ml/network/modelMeta';
import { withAppDb, writeTogether } from './appDb';
import type { ModelFiles } from '../protocol';
import type { KerasFormat } from '../../ml/network/keras/formats';
import type { ModelSession } from '../training/session';

export class StorageError extends Error {
  override name = 'StorageError';
}

/** Another model (saved in this tab or another) already has the name. */
export class NameTakenError extends Error {
  override name = 'NameTakenError';
}

/** Names that read the same to a person: case and surrounding space aside. */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** Turns a browser storage failure into words, naming the usual causes. */
export function describeStorageFailure(action: string, error: unknown): StorageError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = errorMessage(error);
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new StorageError(
      `${action} failed: the browser's storage for this site is full. Delete saved models or free disk space, then retry.`,
    );
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || /indexeddb|not allowed|unavailable/i.test(message)) {
    return new StorageError(`${action} failed: this browser does not allow this site to store data (as in some private modes).`);
  }
  return new StorageError(`${action} failed: the browser's storage gave an error (${shortReason(error)}).`);
}

/** Saved models, newest first; an entry whose weights are missing is left out. */
export async function listModels(): Promise<ModelMeta[]> {
  return withAppDb(async (db) => {
    const transaction = db.transaction(['models', 'weights'], 'readonly');
    const [entries, withWeights] = await Promise.all([
      transaction.objectStore('models').getAll(),
      transaction.objectStore('weights').getAllKeys(),
    ]);
    const stored = new Set(withWeights);
    return sortByDate(entries.flatMap((entry) => readModelMeta(entry) ?? []).filter((meta) => stored.has(meta.id)));
  });
}

/**
 * Writes metadata and weights in one transaction and resolves only once it has
 * committed: a full disk aborts it at commit, after every request has succeeded,
 * and then nothing at all is left behind. A name another model has (saved by any tab,
 * checked in the same transaction) is refused with a NameTakenError.
 */
export async function saveModel(meta: ModelMeta, weights: WeightValues[]): Promise<void> {
  try {
    await withAppDb((db) =>
      writeTogether(db, ['models', 'weights'], async (transaction) => {
        const others = await transaction.objectStore('models').getAll();
        if (others.some((other) => other.id !== meta.id && sameName(other.name, meta.name))) {
          throw new NameTakenError(`A model named “${meta.name}” is already saved (perhaps in another tab): choose another name.`);
        }
        await transaction.objectStore('models').put(meta);
        await transaction.objectStore('weights').put(weights, meta.id);
      }),
    );
  } catch (error) {
    throw error instanceof NameTakenError ? error : describeStorageFailure('Saving the model', error);
  }
}

/** A saved model's weights; a StorageError when it is gone (deleted in another tab, say). */
export async function loadWeights(meta: ModelMeta): Promise<WeightValues[]> {
  let weights: WeightValues[] | undefined;
  try {
    weights = await withAppDb((db) => db.get('weights', meta.id));
  } catch (error) {
    throw describeStorageFailure(`Loading “${meta.name}”`, error);
  }
  if (!weights) throw new StorageError(`“${meta.name}” is no longer saved: it was deleted, perhaps in another tab.`);
  return weights;
}

export async function deleteModel(id: string): Promise<void> {
  await withAppDb((db) =>
    writeTogether(db, ['models', 'weights'], async (transaction) => {
      await transaction.objectStore('models').delete(id);
      await transaction.objectStore('weights').delete(id);
    }),
  );
}

/** The model as the two files of tfjs' layers format. */
export async function exportModel(model: tf.LayersModel): Promise<ModelFiles> {
  const exported: { files?: ModelFiles } = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      if (!(weightData instanceof ArrayBuffer) || !artifacts.weightSpecs) throw new Error('the model has no weights to export');
      const modelJson = {
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['./weights.bin'], weights: artifacts.weightSpecs }],
      };
      exported.files = { modelJson: JSON.stringify(modelJson), weightData: weightData.slice(0) };
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  if (!exported.files) throw new Error('the model could not be exported');
  return exported.files;
}

/**
 * The model as a Keras file, written by the HDF5 chunk, loaded on first use. It is compiled with the
 * optimiser its weights were trained with, which the record keeps through reloads and loads, not
 * with the one the model is compiled with now (a restored model's is always a fresh notebook Adam).
 */
export async function exportKeras(session: ModelSession, format: KerasFormat): Promise<Uint8Array<ArrayBuffer>> {
  const checkpoint = await session.checkpoint();
  const { writeKeras } = await import('../keras/kerasIo');
  const bytes = await writeKeras(format, { network: session.network, optimizer: session.record.optimizer, weights: checkpoint.weights });
  // A copy of its own (half a megabyte for the notebook's network), to be transferred to the page.
  return new Uint8Array(bytes);
}
