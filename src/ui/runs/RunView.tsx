import { useMemo } from 'react';
import type { RunRecord } from '../../state/runs/record';
import { VisPanel } from '../charts/VisPanel';
import { drawHistory, layerHistories } from '../charts/histogramHistory';
import { ConfusionHeatmap } from '../evaluation/ConfusionHeatmap';
import { ConfusionMetrics } from '../evaluation/ConfusionMetrics';
import { RunCharts } from './RunCharts';
import { runSummary } from './runRows';

/** A past run as it ended: its curves, its weight histograms over the epochs, its confusion matrix. */
export function RunView({ run }: { run: RunRecord }) {
  const layers = useMemo(() => layerHistories(run.histograms), [run]);
  const one = useMemo(() => [run], [run]);
  return (
    <section className="run-view" data-testid="run-view" data-run-id={run.id} aria-labelledby="run-view-heading">
      <h3 id="run-view-heading">{run.name}</h3>
      <p className="muted">{runSummary(run)}</p>
      <RunCharts runs={one} prefix="run" />
      {layers.length > 0 && (
        <div className="chart-grid">
          {layers.map((history) => (
            <VisPanel
              key={history.layer}
              title={`${history.layer}: across epochs`}
              testId={`run-history-${history.layer}`}
              data={history}
              draw={drawHistory}
            />
          ))}
        </div>
      )}
      {run.evaluation ? (
        <div className="evaluation">
          <ConfusionHeatmap matrix={run.evaluation.matrix} selected={null} testId="run-confusion-matrix" />
          <ConfusionMetrics summary={run.evaluation.summary} testIds={false} />
        </div>
      ) : (
        <p className="muted">This run ended before its first evaluation.</p>
      )}
    </section>
  );
}
