import { DatasetError, imageAt, type MnistData } from '../../ml/data/data';
import { errorMessage } from '../../ml/errors';
import { IMAGE_PIXELS, SAMPLE_COUNT, SAMPLE_GRID } from '../../ml/data/mnist';
import { evaluatedSplit, type MnistEvaluatedOn } from '../../ml/data/validation';
import { loadDataset } from './loadDataset';
import type { DatasetPhase, DatasetSummary, Post } from '../protocol';
import { throttleProgress } from '../training/throttle';

function summarize(data: MnistData, timings: DatasetSummary['timings']): { summary: DatasetSummary; transfer: ArrayBuffer[] } {
  const images = new Uint8Array(SAMPLE_COUNT * IMAGE_PIXELS);
  for (let i = 0; i < SAMPLE_COUNT; i++) images.set(imageAt(data.train, SAMPLE_GRID.first + i), i * IMAGE_PIXELS);
  const labels = data.train.labels.slice(SAMPLE_GRID.first, SAMPLE_GRID.last + 1);
  const bytes = [data.train, data.test].reduce((sum, split) => sum + split.images.byteLength + split.labels.byteLength, 0);
  const summary: DatasetSummary = {
    train: data.train.count,
    test: data.test.count,
    bytes,
    samples: { first: SAMPLE_GRID.first, images, labels },
    timings,
  };
  return { summary, transfer: [images.buffer, labels.buffer] };
}

/** The dataset in the worker: loaded once (and again on Retry), then lent to training and evaluation. */
export class DatasetHost {
  private loaded: MnistData | null = null;
  private loading: Promise<MnistData | null> | null = null;
  /** After a failure the next load fetches afresh: the service worker's cached copy may be what failed. */
  private failed = false;

  constructor(private readonly post: Post) {}

  get data(): MnistData | null {
    return this.loaded;
  }

  /** Loads the dataset unless a load is under way; resolves with it, or null after a failure (already posted). */
  load(manifestUrl: string): Promise<MnistData | null> {
    this.loading ??= this.fetchAndCheck(manifestUrl).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Resolves once no load is under way. */
  settled(): Promise<void> {
    return this.loading ? this.loading.then(() => undefined) : Promise.resolve();
  }

  /** 784 bytes per requested image of an evaluation (its index there). */
  images(on: MnistEvaluatedOn, indices: readonly number[]): Uint8Array {
    const data = this.loaded;
    if (!data) throw new Error('the dataset is not loaded');
    const { split, first } = evaluatedSplit(data, on);
    const pixels = new Uint8Array(indices.length * IMAGE_PIXELS);
    indices.forEach((index, i) => {
      if (!Number.isInteger(index) || index < 0 || first + index >= split.count)
        throw new Error(`there is no image ${index} in that evaluation`);
      pixels.set(imageAt(split, first + index), i * IMAGE_PIXELS);
    });
    return pixels;
  }

  private async fetchAndCheck(manifestUrl: string): Promise<MnistData | null> {
    this.loaded = null;
    const progress = throttleProgress<DatasetPhase>(100, (phase, fraction) => {
      this.post({ type: 'dataset-progress', phase, fraction });
    });
    try {
      const { data, timings } = await loadDataset(manifestUrl, progress, this.failed ? 'reload' : 'default');
      this.loaded = data;
      this.failed = false;
      const { summary, transfer } = summarize(data, timings);
      this.post({ type: 'dataset-ready', summary }, transfer);
      return data;
    } catch (error) {
      this.failed = true;
      if (error instanceof DatasetError) this.post({ type: 'dataset-failed', failure: error.failure, message: error.message });
      else this.post({ type: 'dataset-failed', failure: 'decode', message: `The dataset could not be loaded: ${errorMessage(error)}` });
      return null;
    }
  }
}
