import { useMemo } from 'react';
import { appendLosses, EMPTY_LOSSES } from '../../state/runs/record';
import { useAppState } from '../../state/store';
import { RATE_OPTIONS, batchLine } from './curves';
import { LineChart, RUN_COLORS } from './LineChart';

/** The rate the optimiser stepped with at every batch: flat for the notebook's recipe, a hill for one-cycle. */
export function LearningRateChart() {
  const rates = useAppState((state) => state.training.batchRates);
  const lines = useMemo(() => [batchLine(appendLosses(EMPTY_LOSSES, rates), 'this model', RUN_COLORS[2] ?? 'seagreen')], [rates]);
  return <LineChart title="Learning rate per batch" testId="chart-learning-rate" lines={lines} options={RATE_OPTIONS} />;
}
