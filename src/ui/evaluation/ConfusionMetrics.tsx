import type { ConfusionSummary } from '../../ml/training/metrics';
import { count, percent } from '../format';

interface Metric {
  testId?: string;
  name: string;
  value: number;
  shown: string;
  reading: string;
}

function metrics(summary: ConfusionSummary): Metric[] {
  return [
    {
      name: 'Trace / total',
      value: summary.accuracy,
      shown: `${count(summary.trace)} / ${count(summary.total)} = ${percent(summary.accuracy)}`,
      reading: 'The trace counts the images on the diagonal, predicted as what they are; divided by the total it is the accuracy.',
    },
    {
      testId: 'metric-mae',
      name: 'MAE',
      value: summary.meanAbsoluteError,
      shown: summary.meanAbsoluteError.toFixed(4),
      reading:
        'Σ|i−j|·cm[i][j] / Σcm: the mean distance of the predictions from the perfect diagonal. It means something because digits are ordered: calling a 7 a 9 is further off than calling it an 8.',
    },
    {
      testId: 'metric-mse',
      name: 'MSE',
      value: summary.meanSquaredError,
      shown: summary.meanSquaredError.toFixed(4),
      reading:
        'Σ(i−j)²·cm[i][j] / Σcm: the same dispersion, squared, so far confusions weigh much more: a 1 read as 9 costs 64, a 1 read as 2 costs 1.',
    },
    {
      testId: 'metric-offdiag',
      name: 'Off-diagonal mass',
      value: summary.offDiagonalMass,
      shown: percent(summary.offDiagonalMass),
      reading: '(Σcm − trace) / Σcm: the share of images off the diagonal, the error rate, 1 − accuracy.',
    },
  ];
}

/** The notebook's geometric reading of the confusion matrix, each figure with how to read it. */
export function ConfusionMetrics({ summary, testIds = true }: { summary: ConfusionSummary; testIds?: boolean }) {
  return (
    <dl className="metrics">
      {metrics(summary).map((metric) => (
        <div key={metric.name} className="metric">
          <dt>{metric.name}</dt>
          <dd>
            <strong data-testid={testIds ? metric.testId : undefined} data-value={metric.value}>
              {metric.shown}
            </strong>
            <p className="muted">{metric.reading}</p>
          </dd>
        </div>
      ))}
    </dl>
  );
}
