import * as tf from '@tensorflow/tfjs';
import { checkModelFiles, defaultName, type ModelMeta } from '../ml/persist';
import { deleteModel, describeStorageFailure, exportModel, importModel, listModels, loadModel, saveModel } from './modelStore';
import type { FromWorker } from './protocol';
import type { TrainingSession } from './session';

type Post = (message: FromWorker, transfer?: Transferable[]) => void;

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Saving, listing, loading, deleting, exporting and importing models; every failure leaves the model in memory as it was. */
export class ModelLibrary {
  private saved: ModelMeta[] = [];

  constructor(private readonly post: Post) {}

  private announce(session: TrainingSession): void {
    this.post({ type: 'models', models: this.saved, active: session.record.source });
  }

  private fail(message: string): void {
    this.post({ type: 'model-error', message });
  }

  /** Lists saved models; with `restore`, loads the newest so the drawing pad works at once after a reload. */
  async refresh(session: TrainingSession, restore: boolean): Promise<void> {
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

  async save(session: TrainingSession, name: string | null): Promise<void> {
    if (session.isTraining) {
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
      this.fail(describe(error));
    }
  }

  async load(session: TrainingSession, id: string): Promise<void> {
    const meta = this.saved.find((entry) => entry.id === id);
    if (!meta) {
      this.fail('That saved model no longer exists.');
      this.announce(session);
      return;
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
    } catch (error) {
      this.fail(`${describe(error)} The current model is unchanged.`);
      this.announce(session);
    }
  }

  async remove(session: TrainingSession, id: string): Promise<void> {
    try {
      await deleteModel(id);
      if (session.record.source === id) session.setSource(null);
      this.saved = await listModels();
    } catch (error) {
      this.fail(describeStorageFailure('Deleting the model', error).message);
    }
    this.announce(session);
  }

  async export(session: TrainingSession, requestId: number): Promise<void> {
    try {
      const { modelJson, weightData } = await exportModel(session.current);
      this.post({ type: 'exported', id: requestId, modelJson, weightData }, [weightData]);
    } catch (error) {
      this.post({ type: 'request-failed', id: requestId, message: describe(error) });
    }
  }

  /** Checks again (the worker trusts no one), then swaps the model in. */
  async import(session: TrainingSession, modelJson: string, weightData: ArrayBuffer, name: string): Promise<void> {
    try {
      const checked = checkModelFiles(modelJson, weightData.byteLength);
      const model = await importModel(checked, weightData);
      await session.adopt(model, 0, { seed: 0, trainingSeconds: 0, testAccuracy: null, source: null });
      this.announce(session);
    } catch (error) {
      this.fail(`${name} could not be loaded: ${describe(error)}. The current model is unchanged.`);
    }
  }
}
