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
        'Σ|i−j|·cm[i][j] / Σcm: the mean distance of the predictions from the perfect diagonal. The notebook’s comment says it suits classes with an order (ratings, ages); MNIST’s digits are categories, not quantities: a 7 read as 1 (a common look-alike) costs 6, a 7 read as 8 costs 1, though neither is more wrong. Read it as how far, in digit values, the mistakes fall.',
    },
    {
      testId: 'metric-mse',
      name: 'MSE',
      value: summary.meanSquaredError,
      shown: summary.meanSquaredError.toFixed(4),
      reading:
        'Σ(i−j)²·cm[i][j] / Σcm: the same dispersion, squared, so far confusions weigh much more: a 1 read as 9 costs 64, a 1 read as 2 costs 1, a 7 read as 1 costs 36 and a 4 read as 9 costs 25. With categories this says which mistakes the network makes, not how bad they are.',
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
