import { useAppState } from '../state/store';
import { count, percent } from './format';

/** The headline: accuracy = trace / total of the confusion matrix below it, and the loss, on the images they were scored on. */
export function TestResult() {
  const evaluation = useAppState((state) => state.evaluation);
  if (!evaluation) return null;
  const { summary, result } = evaluation;
  const test = result.on.kind === 'test';
  return (
    <p className="test-result" data-testid="evaluation-result" data-on={result.on.kind}>
      {test ? 'Test accuracy' : 'Validation accuracy'}{' '}
      <strong data-testid="test-accuracy" data-value={summary.accuracy}>
        {percent(summary.accuracy)}
      </strong>{' '}
      · {test ? 'test' : 'validation'} loss <span data-testid="test-loss">{result.loss.toFixed(4)}</span> on {count(summary.total)}{' '}
      {test ? 'test images (the notebook: 98.56 %)' : 'held-out training images; the test set waits for Evaluate'}
    </p>
  );
}
