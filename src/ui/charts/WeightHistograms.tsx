import { accentColor } from './theme';
import { useMemo } from 'react';
import { HISTOGRAM_BINS } from '../../ml/training/histogram';
import { useAppState } from '../../state/store';
import { drawHistory, layerHistories, type LayerHistory } from './histogramHistory';
import { VisPanel } from './VisPanel';
import type { Vis } from './useVis';

function drawLatest(vis: Vis, container: HTMLElement, kernel: Float32Array) {
  return vis.render.histogram(container, kernel, {
    maxBins: HISTOGRAM_BINS,
    height: 180,
    xLabel: 'weight',
    yLabel: 'count',
    color: accentColor(),
  });
}

const drawLiveHistory = (vis: Vis, container: HTMLElement, history: LayerHistory) => drawHistory(vis, container, history, 220);

export function WeightHistograms() {
  const latest = useAppState((state) => state.model?.latestWeights ?? null);
  const kept = useAppState((state) => state.model?.weightHistory);
  const histories = useMemo(() => layerHistories(kept ?? []), [kept]);

  return (
    <section className="panel" aria-labelledby="histograms-heading">
      <h2 id="histograms-heading">Weight histograms</h2>
      <p className="muted">
        Kernel weights of each layer after every epoch (epoch 0 is the initialisation), as TensorBoard shows them with histogram_freq=1.
      </p>
      <div className="histogram-grid">
        {latest?.layers.map(({ layer, kernel }) => {
          const history = histories.find((entry) => entry.layer === layer);
          return (
            <div key={layer} className="histogram-row">
              <VisPanel title={`${layer}: epoch ${latest.epoch}`} testId={`chart-histogram-${layer}`} data={kernel} draw={drawLatest} />
              {history && (
                <VisPanel title={`${layer}: across epochs`} testId={`chart-history-${layer}`} data={history} draw={drawLiveHistory} />
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
