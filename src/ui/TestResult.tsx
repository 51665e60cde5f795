import { useAppState } from '../state/store';
import { percent } from './format';

export function TestResult() {
  const test = useAppState((state) => state.training.test);
  const testSize = useAppState((state) => state.config.train.testSize);
  if (!test) return null;
  return (
    <p className="test-result">
      Test accuracy{' '}
      <strong data-testid="test-accuracy" data-value={test.accuracy}>
        {percent(test.accuracy)}
      </strong>{' '}
      · test loss <span data-testid="test-loss">{test.loss.toFixed(4)}</span> on {testSize.toLocaleString('en-US')} test images (the
      notebook: 98.56 %)
    </p>
  );
}
