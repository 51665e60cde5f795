import { useMemo } from 'react';
import { onSharedRange } from '../../ml/histogram';
import type { RunRecord } from '../../state/runs/record';
import { VisPanel } from '../charts/VisPanel';
import type { Vis } from '../charts/useVis';
import { ConfusionHeatmap } from '../evaluation/ConfusionHeatmap';
import { ConfusionMetrics } from '../evaluation/ConfusionMetrics';
import { RunCharts } from './RunCharts';
import { runSummary } from './runRows';

const BINS = 30;

interface LayerHistory {
  readonly layer: string;
  readonly epochs: readonly number[];
  readonly counts: readonly (readonly number[])[];
  readonly min: number;
  readonly max: number;
}

function histories(run: RunRecord): LayerHistory[] {
  const layers = run.histograms[0]?.layers.map((entry) => entry.layer) ?? [];
  return layers.map((layer) => {
    const perEpoch = run.histograms.map((entry) => entry.layers.find((l) => l.layer === layer) ?? { min: 0, max: 0, counts: [] });
    const shared = onSharedRange(perEpoch, BINS);
    return {
      layer,
      epochs: run.histograms.map((entry) => entry.epoch),
      counts: shared.map((h) => h.counts),
      min: shared[0]?.min ?? 0,
      max: shared[0]?.max ?? 0,
    };
  });
}

function drawHistory(vis: Vis, container: HTMLElement, history: LayerHistory) {
  if (history.counts.length === 0) return undefined;
  const width = (history.max - history.min) / BINS;
  const centres = Array.from({ length: BINS }, (_, i) => (history.min + (i + 0.5) * width).toFixed(3)).reverse();
  return vis.render.heatmap(
    container,
    { values: history.counts.map((counts) => [...counts].reverse()), xTickLabels: history.epochs.map(String), yTickLabels: centres },
    { xLabel: 'epoch', yLabel: 'weight', height: 200, colorMap: 'viridis' },
  );
}

/** A past run as it ended: its curves, its weight histograms over the epochs, its confusion matrix. */
export function RunView({ run }: { run: RunRecord }) {
  const layers = useMemo(() => histories(run), [run]);
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
