import { isTestSet, type TestSet } from '../../ml/data/validation';
import { testSetChosen } from '../../state/evaluationActions';
import { hasTrainedWeights, useAppState } from '../../state/store';
import { useMlClient } from '../mlClientContext';

/** What the panel shows and Evaluate scores: MNIST's test images, or my held-out digits. */
export function TestSetChoice({ heldOut, canEvaluate }: { heldOut: number; canEvaluate: boolean }) {
  const client = useMlClient();
  const testSet = useAppState((state) => state.testSet);
  const scored: Record<TestSet, boolean> = {
    mnist: useAppState((state) => state.evaluation !== null),
    mine: useAppState((state) => state.myEvaluation !== null),
  };
  const trained = useAppState(hasTrainedWeights);

  const choose = (value: TestSet): void => {
    testSetChosen(value);
    // Nothing to look at yet for these weights: score them now rather than wait for a second click.
    if (canEvaluate && trained && !scored[value] && (value === 'mnist' || heldOut > 0)) client.evaluate();
  };

  return (
    <span>
      <label htmlFor="test-set">Test set</label>{' '}
      <select
        id="test-set"
        value={testSet}
        onChange={(event) => {
          if (isTestSet(event.target.value)) choose(event.target.value);
        }}
      >
        <option value="mnist">MNIST’s test images</option>
        <option value="mine">My held-out digits ({heldOut.toLocaleString('en-GB')})</option>
      </select>
    </span>
  );
}
