import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../ml/errors';
import { checkModelFiles, defaultName, type ModelMeta } from '../ml/persist';
import { deleteModel, describeStorageFailure, importModel, listModels, loadModel, saveModel, type ModelFiles } from './modelStore';
import type { Post } from './protocol';
import type { ModelSession } from './session';

/** Saving, listing, loading, deleting and importing models; every failure leaves the model in memory as it was. */
export class ModelLibrary {
  private saved: ModelMeta[] = [];

  constructor(private readonly post: Post) {}

  private announce(session: ModelSession): void {
    this.post({ type: 'models', models: this.saved, active: session.record.source });
  }

  private fail(message: string): void {
    this.post({ type: 'storage-failed', message });
  }

  /** Lists saved models; with `restore`, loads the newest so the drawing pad works at once after a reload. */
  async refresh(session: ModelSession, restore: boolean): Promise<void> {
    try {
      this.saved = await listModels();
    } catch (error) {
      this.saved = [];
      this.fail(describeStorageFailure('Reading the saved models', error).message);
    }
    const newest = this.saved[0];
    if (restore && newest) await this.load(session, newest.id);
    else this.announce(session);
  }

  async save(session: ModelSession, name: string | null): Promise<void> {
    if (session.busy) {
      this.fail('Stop training before saving: the weights change at every step.');
      return;
    }
    const record = session.record;
    const meta: ModelMeta = {
      id: `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
      name: name?.trim() || defaultName(this.saved.length + 1, session.epochs, record.testAccuracy),
      savedAt: new Date().toISOString(),
      epochs: session.epochs,
      testAccuracy: record.testAccuracy,
      backend: tf.getBackend(),
      seed: record.seed,
      trainingSeconds: Math.round(record.trainingSeconds * 10) / 10,
    };
    try {
      await saveModel(session.current, meta);
      session.setSource(meta.id);
      this.saved = await listModels();
      this.announce(session);
    } catch (error) {
      this.fail(errorMessage(error));
    }
  }

  /** True once the saved model's weights are the session's. */
  async load(session: ModelSession, id: string): Promise<boolean> {
    const meta = this.saved.find((entry) => entry.id === id);
    if (!meta) {
      this.fail('That saved model no longer exists.');
      this.announce(session);
      return false;
    }
    try {
      const model = await loadModel(meta);
      await session.adopt(model, meta.epochs, {
        seed: meta.seed,
        trainingSeconds: meta.trainingSeconds,
        testAccuracy: meta.testAccuracy,
        source: meta.id,
      });
      this.announce(session);
      return true;
    } catch (error) {
      this.fail(`${errorMessage(error)} The current model is unchanged.`);
      this.announce(session);
      return false;
    }
  }

  async remove(session: ModelSession, id: string): Promise<void> {
    try {
      await deleteModel(id);
      if (session.record.source === id) session.setSource(null);
      this.saved = await listModels();
    } catch (error) {
      this.fail(describeStorageFailure('Deleting the model', error).message);
    }
    this.announce(session);
  }

  /** Checks the files again (the worker trusts no one), then swaps the model in; true once it is the session's. */
  async import(session: ModelSession, files: ModelFiles, name: string): Promise<boolean> {
    try {
      const checked = checkModelFiles(files.modelJson, files.weightData.byteLength);
      const model = await importModel(checked, files.weightData);
      await session.adopt(model, 0, { seed: 0, trainingSeconds: 0, testAccuracy: null, source: null });
      this.announce(session);
      return true;
    } catch (error) {
      this.fail(`${name} could not be loaded: ${errorMessage(error)}. The current model is unchanged.`);
      return false;
    }
  }
}
