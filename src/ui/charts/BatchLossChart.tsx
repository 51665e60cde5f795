import { useMemo } from 'react';
import { appendLosses, EMPTY_LOSSES } from '../../state/runs/record';
import { useAppState } from '../../state/store';
import { BATCH_OPTIONS, batchLine } from './curves';
import { LineChart, RUN_COLORS } from './LineChart';

/** The loss of every batch (neighbours averaged past 2,000 points), at its batch number. */
export function BatchLossChart() {
  const losses = useAppState((state) => state.training.batchLosses);
  const lines = useMemo(() => [batchLine(appendLosses(EMPTY_LOSSES, losses), 'this model', RUN_COLORS[0] ?? 'steelblue')], [losses]);
  return <LineChart title="Training loss per batch" testId="chart-batch-loss" lines={lines} options={BATCH_OPTIONS} />;
}
