import { useMemo } from 'react';
import type { RunRecord } from '../../state/runs/record';
import { BATCH_OPTIONS, DASH_NOTE, EPOCH_OPTIONS, RATE_OPTIONS, batchLine, epochLines } from '../charts/curves';
import { LineChart, RUN_COLORS } from '../charts/LineChart';
import { runLabels } from './runLabels';

export const runColor = (index: number): string => RUN_COLORS[index % RUN_COLORS.length] ?? 'gray';

/**
 * Loss and accuracy per epoch, loss and learning rate per batch of one or more runs, one colour
 * each, the legend naming each by what sets it apart (runLabels); test ids start with `prefix`.
 */
export function RunCharts({ runs, prefix }: { runs: readonly RunRecord[]; prefix: string }) {
  const lines = useMemo(() => {
    const labels = runs.length > 1 ? runLabels(runs) : runs.map((run) => run.name);
    const label = (i: number): string => labels[i] ?? '';
    return {
      loss: runs.flatMap((run, i) => epochLines(run.epochs, 'loss', label(i), runColor(i))),
      accuracy: runs.flatMap((run, i) => epochLines(run.epochs, 'accuracy', label(i), runColor(i))),
      batch: runs.map((run, i) => batchLine(run.batchLoss, label(i), runColor(i))),
      rate: runs.map((run, i) => batchLine(run.learningRates, label(i), runColor(i))),
    };
  }, [runs]);
  return (
    <div className="chart-grid">
      <LineChart title={`Loss per epoch (${DASH_NOTE})`} testId={`${prefix}-epoch-loss`} lines={lines.loss} options={EPOCH_OPTIONS.loss} />
      <LineChart
        title={`Accuracy per epoch (${DASH_NOTE})`}
        testId={`${prefix}-epoch-accuracy`}
        lines={lines.accuracy}
        options={EPOCH_OPTIONS.accuracy}
      />
      <LineChart title="Training loss per batch" testId={`${prefix}-batch-loss`} lines={lines.batch} options={BATCH_OPTIONS} />
      <LineChart title="Learning rate per batch" testId={`${prefix}-learning-rate`} lines={lines.rate} options={RATE_OPTIONS} />
    </div>
  );
}
