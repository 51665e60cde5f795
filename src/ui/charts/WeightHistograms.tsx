import { useMemo } from 'react';
import { histogramHistory } from '../../ml/histogram';
import { useAppState } from '../../state/store';
import { VisPanel } from './VisPanel';
import type { Vis } from './useVis';

const BINS = 30;

interface LayerHistory {
  readonly layer: string;
  readonly epochs: readonly number[];
  readonly kernels: readonly Float32Array[];
}

function drawLatest(vis: Vis, container: HTMLElement, history: LayerHistory) {
  const latest = history.kernels[history.kernels.length - 1];
  if (!latest) return undefined;
  return vis.render.histogram(container, latest, { maxBins: BINS, height: 180, xLabel: 'weight', yLabel: 'count' });
}

/** TensorBoard's histogram-over-time view: one column per epoch, one row per bin, over a shared range. */
function drawHistory(vis: Vis, container: HTMLElement, history: LayerHistory) {
  const histograms = histogramHistory(history.kernels, BINS);
  const first = histograms[0];
  if (!first) return undefined;
  const width = (first.max - first.min) / BINS;
  // Bins run top to bottom in the heatmap, so they are reversed to put large weights at the top.
  const centres = Array.from({ length: BINS }, (_, i) => (first.min + (i + 0.5) * width).toFixed(3)).reverse();
  return vis.render.heatmap(
    container,
    {
      values: histograms.map((h) => [...h.counts].reverse()),
      xTickLabels: history.epochs.map(String),
      yTickLabels: centres,
    },
    { xLabel: 'epoch', yLabel: 'weight', height: 220, colorMap: 'viridis' },
  );
}

export function WeightHistograms() {
  const weights = useAppState((state) => state.model?.weights);
  const layers = useMemo<LayerHistory[]>(() => {
    if (!weights || weights.length === 0) return [];
    const names = weights[0]?.layers.map((entry) => entry.layer) ?? [];
    return names.map((layer) => ({
      layer,
      epochs: weights.map((entry) => entry.epoch),
      kernels: weights.map((entry) => entry.layers.find((l) => l.layer === layer)?.kernel ?? new Float32Array()),
    }));
  }, [weights]);

  return (
    <section className="panel" aria-labelledby="histograms-heading">
      <h2 id="histograms-heading">Weight histograms</h2>
      <p className="muted">
        Kernel weights of each layer after every epoch (epoch 0 is the initialisation), as TensorBoard shows them with histogram_freq=1.
      </p>
      <div className="histogram-grid">
        {layers.map((history) => (
          <div key={history.layer} className="histogram-row">
            <VisPanel
              title={`${history.layer}: epoch ${history.epochs[history.epochs.length - 1] ?? 0}`}
              testId={`chart-histogram-${history.layer}`}
              data={history}
              draw={drawLatest}
            />
            <VisPanel
              title={`${history.layer}: across epochs`}
              testId={`chart-history-${history.layer}`}
              data={history}
              draw={drawHistory}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
