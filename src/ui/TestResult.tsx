import { useAppState } from '../state/store';
import { count, percent } from './format';

/** The headline: accuracy = trace / total of the confusion matrix below it, and the test loss. */
export function TestResult() {
  const evaluation = useAppState((state) => state.evaluation);
  if (!evaluation) return null;
  const { summary, result } = evaluation;
  return (
    <p className="test-result">
      Test accuracy{' '}
      <strong data-testid="test-accuracy" data-value={summary.accuracy}>
        {percent(summary.accuracy)}
      </strong>{' '}
      · test loss <span data-testid="test-loss">{result.loss.toFixed(4)}</span> on {count(summary.total)} test images (the notebook: 98.56
      %)
    </p>
  );
}
