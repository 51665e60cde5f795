import type { DatasetPhase } from '../worker/protocol';
import { useAppState } from '../state/store';
import { useMlClient } from './mlClientContext';

const PHASE_TEXT: Record<DatasetPhase, string> = {
  manifest: 'Reading the dataset manifest',
  download: 'Downloading MNIST',
  decode: 'Decoding the images',
  verify: 'Verifying checksums',
};

const count = (n: number): string => n.toLocaleString('en-US');

export function DatasetStatus() {
  const dataset = useAppState((state) => state.dataset);
  const client = useMlClient();

  return (
    <section className="dataset-status" data-testid="dataset-status" data-state={dataset.state} aria-live="polite">
      {dataset.state === 'loading' && (
        <>
          <span>{PHASE_TEXT[dataset.phase]}…</span>
          <progress max={1} value={dataset.phase === 'download' ? dataset.fraction : undefined} aria-label="Dataset loading progress" />
        </>
      )}
      {dataset.state === 'ready' && (
        <span className="ready">
          MNIST ready — {count(dataset.summary.train)} train / {count(dataset.summary.test)} test
        </span>
      )}
      {dataset.state === 'error' && (
        <div role="alert" className="alert">
          <p>{dataset.message}</p>
          <button
            type="button"
            onClick={() => {
              client.loadDataset();
            }}
          >
            Retry
          </button>
        </div>
      )}
    </section>
  );
}
