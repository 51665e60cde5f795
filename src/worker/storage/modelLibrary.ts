import * as tf from '@tensorflow/tfjs';
import { errorMessage } from '../../ml/errors';
import { checkModelFiles, decodeWeights } from '../../ml/network/modelFile';
import { defaultName, type ModelMeta } from '../../ml/network/modelMeta';
import { migrateLegacyModels } from './legacyModels';
import { NameTakenError, deleteModel, describeStorageFailure, listModels, loadWeights, saveModel } from './modelStore';
import type { ModelUpload, Post } from '../protocol';
import type { WeightValues } from '../../ml/network/checkpoint';
import type { NetworkConfig } from '../../ml/network/network';
import { NOTEBOOK_OPTIMIZER, type OptimizerConfig } from '../../ml/training/optimizers';
import type { ModelSession } from '../training/session';

/** Every tab of the app hears on this channel when another one saved or deleted a model. */
const CHANNEL = 'mnist-in-a-tab-models';

/** Saving, listing, loading, deleting and importing models; every failure leaves the model in memory as it was. */
export class ModelLibrary {
  private saved: ModelMeta[] = [];
  /** False while the saved models could not be read: the list is then not the database's. */
  private listed = false;
  private readonly otherTabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  private migrated = false;

  constructor(private readonly post: Post) {}

  private announce(session: ModelSession): void {
    this.post({ type: 'models', models: this.saved, active: session.record.source, listed: this.listed });
  }

  private fail(message: string): void {
    this.post({ type: 'storage-failed', message });
  }

  /** Lists the saved models again whenever another tab changes them. */
  follow(session: ModelSession): void {
    if (this.otherTabs) {
      this.otherTabs.onmessage = () => {
        void this.refresh(session, false);
      };
    }
  }

  /** Lists saved models; with `restoreNewest`, loads the newest so the drawing pad works at once after a reload. */
  async refresh(session: ModelSession, restoreNewest: boolean): Promise<void> {
    try {
      if (!this.migrated) await migrateLegacyModels();
      this.migrated = true;
      this.saved = await listModels();
      this.listed = true;
    } catch (error) {
      this.saved = [];
      this.listed = false;
      this.fail(describeStorageFailure('Reading the saved models', error).message);
    }
    const newest = this.saved[0];
    if (restoreNewest && newest) await this.load(session, newest.id);
    else this.announce(session);
  }

  async save(session: ModelSession, name: string | null): Promise<void> {
    if (session.busy) {
      this.fail('Stop training before saving: the weights change at every step.');
      return;
    }
    try {
      const record = session.record;
      const checkpoint = await session.checkpoint();
      const meta: ModelMeta = {
        id: `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
        name: '',
        savedAt: new Date().toISOString(),
        epochs: session.epochs,
        testAccuracy: record.testAccuracy,
        backend: tf.getBackend(),
        seed: record.seed,
        trainingSeconds: Math.round(record.trainingSeconds * 10) / 10,
        network: record.network,
        optimizer: record.optimizer,
        myHoldOut: record.myHoldOut,
      };
      const chosen = name?.trim().slice(0, 200);
      // The list as it is now, not as this tab last saw it: names stay unique across tabs.
      const named = async (): Promise<ModelMeta> => {
        this.saved = await listModels();
        const taken = this.saved.map((entry) => entry.name);
        return { ...meta, name: chosen || defaultName(taken, session.epochs, record.testAccuracy) };
      };
      await saveModel(await named(), checkpoint.weights).catch(async (error: unknown) => {
        // Another tab took the default name meanwhile: the next one is free. A chosen name stays refused.
        if (chosen || !(error instanceof NameTakenError)) throw error;
        await saveModel(await named(), checkpoint.weights);
      });
      // The saved weights become the last good ones, under their new name, for a crash or the next visit.
      session.setSource(meta.id);
      await session.keep(checkpoint);
      this.saved = await listModels();
      this.otherTabs?.postMessage('saved');
    } catch (error) {
      this.fail(errorMessage(error));
    }
    this.announce(session);
  }

  /** True once the saved model's weights are the session's. */
  async load(session: ModelSession, id: string): Promise<boolean> {
    const meta = this.saved.find((entry) => entry.id === id);
    try {
      if (!meta) throw new Error('That saved model is no longer there: it was deleted, perhaps in another tab.');
      const weights = await loadWeights(meta);
      await session.adopt({
        checkpoint: { epochs: meta.epochs, weights },
        trained: true,
        record: {
          network: meta.network,
          seed: meta.seed,
          trainingSeconds: meta.trainingSeconds,
          testAccuracy: meta.testAccuracy,
          source: meta.id,
          runId: null,
          optimizer: meta.optimizer,
          myHoldOut: meta.myHoldOut,
        },
      });
      this.announce(session);
      return true;
    } catch (error) {
      this.fail(`${errorMessage(error)} The current model is unchanged.`);
      this.saved = await listModels().catch(() => this.saved);
      this.announce(session);
      return false;
    }
  }

  async remove(session: ModelSession, id: string): Promise<void> {
    try {
      await deleteModel(id);
      if (session.record.source === id) {
        session.setSource(null);
        await session.keep(await session.checkpoint());
      }
      this.saved = await listModels();
      this.otherTabs?.postMessage('deleted');
    } catch (error) {
      this.fail(describeStorageFailure('Deleting the model', error).message);
    }
    this.announce(session);
  }

  /**
   * Checks an upload (tfjs' files again, for the worker trusts no one; a Keras file through HDF5,
   * loaded on first use), then takes in its weights; true once they are the session's.
   */
  async import(session: ModelSession, upload: ModelUpload, name: string): Promise<boolean> {
    try {
      const { network, weights, optimizer } = await readUpload(upload);
      await session.adopt({
        checkpoint: { epochs: 0, weights },
        trained: true,
        record: { network, seed: 0, trainingSeconds: 0, testAccuracy: null, source: null, runId: null, optimizer, myHoldOut: null },
      });
      this.announce(session);
      return true;
    } catch (error) {
      this.fail(`${name.slice(0, 80)} could not be loaded: ${errorMessage(error)}. The current model is unchanged.`);
      return false;
    }
  }
}

/** An upload's network, weights and the optimiser they were trained with, as far as the file says. */
async function readUpload(upload: ModelUpload): Promise<{ network: NetworkConfig; weights: WeightValues[]; optimizer: OptimizerConfig }> {
  switch (upload.format) {
    case 'tfjs': {
      const { files } = upload;
      const checked = checkModelFiles(files.modelJson, files.weightData.byteLength);
      // The app's model.json names no optimiser: its weights count as the notebook's Adam's.
      return { network: checked.network, weights: decodeWeights(checked.weightSpecs, files.weightData), optimizer: NOTEBOOK_OPTIMIZER };
    }
    case 'keras': {
      const { readKeras } = await import('../keras/kerasIo');
      return readKeras(new Uint8Array(upload.bytes));
    }
  }
}
