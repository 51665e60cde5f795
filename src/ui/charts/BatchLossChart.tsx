import { useAppState } from '../../state/store';
import { VisPanel } from './VisPanel';
import type { Vis } from './useVis';

/** Enough points for ten full epochs; past that, neighbouring batches are averaged so vega stays quick. */
const MAX_POINTS = 5000;

function drawBatchLoss(vis: Vis, container: HTMLElement, losses: readonly number[]) {
  if (losses.length === 0) return undefined;
  const stride = Math.max(1, Math.ceil(losses.length / MAX_POINTS));
  const values: { x: number; y: number }[] = [];
  for (let start = 0; start < losses.length; start += stride) {
    const window = losses.slice(start, start + stride);
    values.push({ x: values.length, y: window.reduce((a, b) => a + b, 0) / window.length });
  }
  // tfjs-vis' linechart places points at their index, so the axis counts points, which are groups of `stride` batches.
  return vis.render.linechart(
    container,
    { values: [values], series: ['training loss'] },
    { xLabel: stride === 1 ? 'batch' : `batch ÷ ${stride}`, yLabel: 'loss', height: 220, zoomToFit: true },
  );
}

export function BatchLossChart() {
  const losses = useAppState((state) => state.training.batchLosses);
  return <VisPanel title="Training loss per batch" testId="chart-batch-loss" data={losses} draw={drawBatchLoss} />;
}
