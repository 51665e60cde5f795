import { useState } from 'react';
import { useAppState, type EvaluationView } from '../../state/store';
import { useMlClient } from '../mlClientContext';
import { useHeldOut } from '../myDigits/useHeldOut';
import type { Cell } from './cell';
import { ClassScoresTable } from './ClassScoresTable';
import { ConfusionHeatmap } from './ConfusionHeatmap';
import { ConfusionMetrics } from './ConfusionMetrics';
import { MistakeGallery } from './MistakeGallery';
import { TestSetChoice } from './TestSetChoice';
import { TopConfusions } from './TopConfusions';
import { myDigitsNote } from './myDigitsNote';
import type { TestSet } from '../../ml/data/validation';

function heading(view: EvaluationView | null, mine: boolean): string {
  if (mine) return 'Evaluation on my held-out digits';
  return view?.result.on.kind === 'validation' ? 'Evaluation on the held-out images' : 'Evaluation on the test set';
}

/** The notebook's evaluation, and more: the confusion matrix, its geometry, per-class scores and the mistakes themselves. */
export function EvaluationPanel() {
  const client = useMlClient();
  const mine = useAppState((state) => state.testSet === 'mine');
  const evaluation = useAppState((state) => (state.testSet === 'mine' ? state.myEvaluation : state.evaluation));
  const error = useAppState((state) => state.evaluationError);
  const canEvaluate = useAppState(
    (state) => state.dataset.state === 'ready' && state.backend.state === 'ready' && state.training.state !== 'training',
  );
  const heldOut = useHeldOut();
  const digits = useAppState((state) => state.myDigits.digits);
  const share = useAppState((state) => state.config.train.myHoldOut);
  const testSet = mine ? 'mine' : 'mnist';
  // A cell belongs to its test set: the other one's closes the gallery; a new evaluation of the same set refreshes it.
  const [selected, setSelected] = useState<{ cell: Cell; testSet: TestSet } | null>(null);
  const cell = selected?.testSet === testSet ? selected.cell : null;
  const select = (chosen: Cell | null): void => setSelected(chosen ? { cell: chosen, testSet } : null);

  const note = mine
    ? myDigitsNote(evaluation?.result.on ?? null, digits, share, heldOut.size)
    : evaluation
      ? 'Updated after every epoch; Evaluate scores the test set. Click a cell or a confusion to see its images.'
      : 'Train, or Evaluate the current weights on the test set.';

  return (
    <section className="panel" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">{heading(evaluation, mine)}</h2>
      <div className="controls">
        <TestSetChoice heldOut={heldOut.size} canEvaluate={canEvaluate} />
        <button type="button" disabled={!canEvaluate || (mine && heldOut.size === 0)} onClick={() => client.evaluate()}>
          Evaluate
        </button>
        <span className="muted">{note}</span>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {evaluation && (
        <div
          className="evaluation"
          data-testid="evaluation"
          data-test-set={mine ? 'mine' : 'mnist'}
          data-count={evaluation.result.labels.length}
        >
          <ConfusionHeatmap matrix={evaluation.matrix} selected={cell} onSelect={select} />
          <div>
            <ConfusionMetrics summary={evaluation.summary} />
            <TopConfusions matrix={evaluation.matrix} onSelect={select} />
          </div>
          <ClassScoresTable matrix={evaluation.matrix} />
        </div>
      )}
      {evaluation && cell && <MistakeGallery result={evaluation.result} cell={cell} onClose={() => setSelected(null)} />}
    </section>
  );
}
