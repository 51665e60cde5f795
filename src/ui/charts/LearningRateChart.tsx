import { useMemo } from 'react';
import { appendLosses, EMPTY_LOSSES } from '../../state/runs/record';
import { useAppState } from '../../state/store';
import { RATE_OPTIONS, batchLine } from './curves';
import { LineChart, RUN_COLORS } from './LineChart';

/**
 * The rate the optimiser stepped with at every batch: a hill for one-cycle, steps for step
 * decay; a constant rate (the notebook's) is a sentence, not a flat line in a chart of its own.
 */
export function LearningRateChart() {
  const rates = useAppState((state) => state.training.batchRates);
  const lines = useMemo(() => [batchLine(appendLosses(EMPTY_LOSSES, rates), 'this model', RUN_COLORS[2] ?? 'seagreen')], [rates]);
  const first = rates[0];
  if (first !== undefined && rates.every((rate) => rate === first)) {
    return (
      <p className="muted learning-rate-constant" data-testid="chart-learning-rate" data-constant={first}>
        Learning rate: {first} at every batch so far (a constant schedule).
      </p>
    );
  }
  return (
    <LineChart
      title="Learning rate per batch"
      testId="chart-learning-rate"
      lines={lines}
      options={RATE_OPTIONS}
      placeholder="The learning rate of each batch appears here as soon as training starts."
    />
  );
}
