import { useMemo } from 'react';
import { appendLosses, EMPTY_LOSSES } from '../../state/runs/record';
import { useAppState } from '../../state/store';
import { BATCH_OPTIONS, batchLine } from './curves';
import { LineChart, RUN_COLORS } from './LineChart';
import type { Line } from './lineSpec';
import { smooth } from './smoothing';

/**
 * The loss of every batch (neighbours averaged past 2,000 points), at its batch number, as
 * TensorBoard draws a scalar: smoothed, with the raw curve faint behind it.
 */
export function BatchLossChart() {
  const losses = useAppState((state) => state.training.batchLosses);
  const { smoothing, logScale } = useAppState((state) => state.config.chartView);
  const lines = useMemo((): Line[] => {
    const raw = batchLine(appendLosses(EMPTY_LOSSES, losses), 'this model', RUN_COLORS[0] ?? 'steelblue');
    if (smoothing <= 0) return [raw];
    const smoothed = smooth(
      raw.points.map((point) => point.y),
      smoothing,
    );
    return [
      { ...raw, curve: 'raw' },
      { ...raw, points: raw.points.map((point, i) => ({ x: point.x, y: smoothed[i] ?? point.y })) },
    ];
  }, [losses, smoothing]);
  const options = useMemo(() => ({ ...BATCH_OPTIONS, logScale }), [logScale]);
  return (
    <LineChart
      title="Training loss per batch"
      testId="chart-batch-loss"
      lines={lines}
      options={options}
      placeholder="The loss of each batch appears here as soon as training starts."
    />
  );
}
