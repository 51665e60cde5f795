import { useMemo } from 'react';
import { IMAGE_PIXELS, SAMPLE_GRID } from '../ml/mnist';
import { useAppState } from '../state/store';
import { DigitCanvas } from './DigitCanvas';

/** The notebook's first figure: training images 5 to 40 with their labels, 12 per row. */
export function SampleGrid() {
  const samples = useAppState((state) => (state.dataset.state === 'ready' ? state.dataset.summary.samples : null));
  const predictions = useAppState((state) => state.evaluation?.result.samplePredictions ?? null);
  const tiles = useMemo(() => {
    if (!samples) return [];
    return Array.from(samples.labels, (label, i) => ({
      index: samples.first + i,
      label,
      pixels: samples.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS),
    }));
  }, [samples]);

  return (
    <section className="panel" aria-labelledby="samples-heading">
      <h2 id="samples-heading">
        Training images {SAMPLE_GRID.first} to {SAMPLE_GRID.last}
      </h2>
      {tiles.length === 0 ? (
        <p className="muted">The samples appear once the dataset is loaded.</p>
      ) : (
        <ol className="sample-grid" data-testid="sample-grid" style={{ gridTemplateColumns: `repeat(${SAMPLE_GRID.perRow}, 1fr)` }}>
          {tiles.map((tile) => (
            <li key={tile.index} data-testid="sample" data-index={tile.index} data-label={tile.label}>
              <DigitCanvas pixels={tile.pixels} size={56} label={`Training image ${tile.index}, labelled ${tile.label}`} />
              <span className="sample-label">{tile.label}</span>
              <SamplePrediction label={tile.label} predicted={predictions?.[tile.index - SAMPLE_GRID.first]} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Green when the model agrees with the label, red when it does not. */
function SamplePrediction({ label, predicted }: { label: number; predicted: number | undefined }) {
  if (predicted === undefined) return null;
  const right = predicted === label;
  return (
    <span className={`sample-prediction ${right ? 'right' : 'wrong'}`} data-testid="sample-prediction" data-predicted={predicted}>
      {right ? `✓ ${predicted}` : `✗ ${predicted}`}
    </span>
  );
}
