import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../ml/errors';
import { isModelMeta, sortByDate, type CheckedModelJson, type ModelMeta } from '../ml/persist';

/** The app's own small database of model metadata; tfjs keeps the models themselves in its own. */
const META_DB = 'mnist-in-a-tab';
const META_STORE = 'models';

const modelUrl = (id: string): string => `indexeddb://mnist-${id}`;

/** A model as the two files of tfjs' layers format. */
export interface ModelFiles {
  readonly modelJson: string;
  readonly weightData: ArrayBuffer;
}

export class StorageError extends Error {
  override name = 'StorageError';
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
  return new StorageError(`${action} failed: ${message}`);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openMeta(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new DOMException('IndexedDB is unavailable', 'InvalidStateError'));
  const open = indexedDB.open(META_DB, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore(META_STORE, { keyPath: 'id' });
  };
  return request(open);
}

async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openMeta();
  try {
    const transaction = db.transaction(META_STORE, mode);
    const result = await request(work(transaction.objectStore(META_STORE)));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  } finally {
    db.close();
  }
}

/** Saved models, newest first; entries whose weights are gone are left out. */
export async function listModels(): Promise<ModelMeta[]> {
  const [entries, stored] = await Promise.all([withStore('readonly', (store) => store.getAll()), tf.io.listModels()]);
  return sortByDate(entries.filter(isModelMeta).filter((meta) => modelUrl(meta.id) in stored));
}

/** Saves weights then metadata; if the metadata cannot be written the weights are removed again, so no half entry stays. */
export async function saveModel(model: tf.LayersModel, meta: ModelMeta): Promise<void> {
  try {
    await model.save(modelUrl(meta.id));
  } catch (error) {
    throw describeStorageFailure('Saving the model', error);
  }
  try {
    await withStore('readwrite', (store) => store.put(meta));
  } catch (error) {
    await tf.io.removeModel(modelUrl(meta.id)).catch(() => undefined);
    throw describeStorageFailure('Saving the model', error);
  }
}

export async function loadModel(meta: ModelMeta): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(modelUrl(meta.id));
  } catch (error) {
    throw new StorageError(`“${meta.name}” could not be loaded: ${errorMessage(error)}`);
  }
}

export async function deleteModel(id: string): Promise<void> {
  await withStore('readwrite', (store) => store.delete(id));
  await tf.io.removeModel(modelUrl(id)).catch(() => undefined);
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

export async function importModel(checked: CheckedModelJson, weightData: ArrayBuffer): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: checked.modelTopology, weightSpecs: checked.weightSpecs, weightData }));
}
