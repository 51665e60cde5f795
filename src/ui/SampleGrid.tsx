import { useMemo } from 'react';
import { augments, transformFor, warpImage } from '../ml/data/augment';
import { IMAGE_PIXELS, SAMPLE_GRID } from '../ml/data/mnist';
import { useAppState } from '../state/store';
import { DigitCanvas } from './DigitCanvas';

interface Tile {
  readonly index: number;
  readonly label: number;
  readonly pixels: Uint8Array;
}

/**
 * The notebook's first figure: training images 5 to 40 with their labels, 12 per row. With
 * augmentation on, the same images as the network sees them in the current epoch follow:
 * the worker draws each image's rotation, zoom and shift from (seed, epoch, index), and so
 * does this panel, so both are the same bytes.
 */
export function SampleGrid() {
  const samples = useAppState((state) => (state.dataset.state === 'ready' ? state.dataset.summary.samples : null));
  const predictions = useAppState((state) => state.evaluation?.result.samplePredictions ?? null);
  const train = useAppState((state) => state.config.train);
  const training = useAppState((state) => state.training.state === 'training');
  // While training, the epoch under way; otherwise the one the next Train starts.
  const epoch = useAppState((state) =>
    state.training.state === 'training' && state.training.progress ? state.training.progress.epoch : state.training.epochsDone + 1,
  );
  const tiles = useMemo((): Tile[] => {
    if (!samples) return [];
    return Array.from(samples.labels, (label, i) => ({
      index: samples.first + i,
      label,
      pixels: samples.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS),
    }));
  }, [samples]);
  const augmenting = augments(train);
  const seen = useMemo((): Tile[] => {
    if (!augmenting) return [];
    return tiles.map((tile) => {
      const pixels = new Uint8Array(IMAGE_PIXELS);
      warpImage(tile.pixels, transformFor(train, train.seed, epoch, tile.index), pixels);
      return { ...tile, pixels };
    });
  }, [tiles, train, epoch, augmenting]);

  return (
    <section className="panel" aria-labelledby="samples-heading">
      <h2 id="samples-heading">
        Training images {SAMPLE_GRID.first} to {SAMPLE_GRID.last}
      </h2>
      {tiles.length === 0 ? (
        <p className="muted">The samples appear once the dataset is loaded.</p>
      ) : (
        <>
          {augmenting && <h3 id="originals-heading">As they are</h3>}
          <ol
            className="sample-grid"
            data-testid="sample-grid"
            aria-labelledby={augmenting ? 'originals-heading' : 'samples-heading'}
            style={{ gridTemplateColumns: `repeat(${SAMPLE_GRID.perRow}, 1fr)` }}
          >
            {tiles.map((tile) => (
              <li key={tile.index} data-testid="sample" data-index={tile.index} data-label={tile.label}>
                <DigitCanvas pixels={tile.pixels} size={56} label={`Training image ${tile.index}, labelled ${tile.label}`} />
                <span className="sample-label">{tile.label}</span>
                <SamplePrediction label={tile.label} predicted={predictions?.[tile.index - SAMPLE_GRID.first]} />
              </li>
            ))}
          </ol>
          {augmenting && (
            <>
              <h3 id="augmented-heading">
                As the network sees them in epoch {epoch}
                {training ? '' : ' (the next)'}
              </h3>
              <ol
                className="sample-grid"
                data-testid="augmented-grid"
                data-epoch={epoch}
                aria-labelledby="augmented-heading"
                style={{ gridTemplateColumns: `repeat(${SAMPLE_GRID.perRow}, 1fr)` }}
              >
                {seen.map((tile) => (
                  <li key={tile.index} data-testid="augmented-sample" data-index={tile.index} data-label={tile.label}>
                    <DigitCanvas
                      pixels={tile.pixels}
                      size={56}
                      label={`Training image ${tile.index} as seen in epoch ${epoch}, labelled ${tile.label}`}
                    />
                    <span className="sample-label">{tile.label}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
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
