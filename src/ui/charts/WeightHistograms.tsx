import { accentColor } from './theme';
import { useMemo } from 'react';
import { HISTOGRAM_BINS, histogram, valueRange } from '../../ml/training/histogram';
import { useAppState } from '../../state/store';
import { ChartPanel } from './ChartPanel';
import { drawHistory, layerHistories, type LayerHistory } from './histogramHistory';
import { histogramSpec } from './histogramSpec';
import { VisPanel } from './VisPanel';
import { loadEmbed, type Embed, type Vis } from './useVis';

function drawLatest(embed: Embed, container: HTMLElement, kernel: Float32Array) {
  const { min, max } = valueRange([kernel]);
  return embed(container, histogramSpec(histogram(kernel, HISTOGRAM_BINS, min, max), 180, accentColor()), { actions: false });
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
              <ChartPanel
                title={`${layer}: epoch ${latest.epoch}`}
                testId={`chart-histogram-${layer}`}
                data={kernel}
                library={loadEmbed}
                draw={drawLatest}
              />
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
