import { useAppState } from '../state/store';
import { count } from './format';
import { useMlClient } from './mlClientContext';
import type { DatasetPhase } from '../worker/protocol';

const PHASE_TEXT: Record<DatasetPhase, string> = {
  manifest: 'Reading the dataset manifest',
  download: 'Downloading MNIST',
  decode: 'Decoding the images',
  verify: 'Verifying checksums',
};

function timingText(timings: Record<DatasetPhase, number>): string {
  const parts = (Object.keys(PHASE_TEXT) as DatasetPhase[]).map((phase) => `${phase} ${Math.round(timings[phase])} ms`);
  return `Time in the worker: ${parts.join(', ')}`;
}

export function DatasetStatus() {
  const dataset = useAppState((state) => state.dataset);
  const client = useMlClient();

  return (
    <section
      className="dataset-status"
      data-testid="dataset-status"
      data-state={dataset.state}
      data-ready-ms={dataset.state === 'ready' ? Math.round(dataset.readyMs) : undefined}
      data-bytes={dataset.state === 'ready' ? dataset.summary.bytes : undefined}
      aria-live="polite"
    >
      {dataset.state === 'loading' && (
        <>
          <span>{PHASE_TEXT[dataset.phase]}…</span>
          <progress max={1} value={dataset.phase === 'download' ? dataset.fraction : undefined} aria-label="Dataset loading progress" />
        </>
      )}
      {dataset.state === 'ready' && (
        <span className="ready" title={timingText(dataset.summary.timings)}>
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
