import { DatasetError, imageAt, type MnistData } from '../ml/data';
import { IMAGE_PIXELS, SAMPLE_COUNT, SAMPLE_GRID } from '../ml/mnist';
import type { DatasetPhase, DatasetSummary, FromWorker, ToWorker } from './protocol';
import { loadDataset } from './loadDataset';
import { throttleProgress } from './throttle';

declare const self: DedicatedWorkerGlobalScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

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

/** The worker's state: the dataset once loaded, and later the model that trains on it. */
class MlWorker {
  private data: MnistData | null = null;
  private loading: Promise<void> | null = null;

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'load-dataset':
        this.loading ??= this.load(message.manifestUrl).finally(() => {
          this.loading = null;
        });
        return;
    }
  }

  private async load(manifestUrl: string): Promise<void> {
    this.data = null;
    const progress = throttleProgress<DatasetPhase>(100, (phase, fraction) => post({ type: 'dataset-progress', phase, fraction }));
    try {
      const { data, timings } = await loadDataset(manifestUrl, progress);
      this.data = data;
      const { summary, transfer } = summarize(data, timings);
      post({ type: 'dataset-ready', summary }, transfer);
    } catch (error) {
      if (error instanceof DatasetError) {
        post({ type: 'dataset-error', failure: error.failure, message: error.message });
      } else {
        const detail = error instanceof Error ? error.message : String(error);
        post({ type: 'dataset-error', failure: 'decode', message: `The dataset could not be loaded: ${detail}` });
      }
    }
  }
}

const worker = new MlWorker();
self.addEventListener('message', (event: MessageEvent<ToWorker>) => worker.handle(event.data));
