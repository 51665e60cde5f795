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

function heading(view: EvaluationView | null, mine: boolean): string {
  if (mine) return 'Evaluation on my held-out digits';
  return view?.result.on.kind === 'validation' ? 'Evaluation on the held-out images' : 'Evaluation on the test set';
}

/** Whether an evaluation of my digits scored exactly those held out now. */
function sameDigits(view: EvaluationView, heldOut: ReadonlySet<string>): boolean {
  const { on } = view.result;
  return on.kind === 'mine' && on.ids.length === heldOut.size && on.ids.every((id) => heldOut.has(id));
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
  const [selected, setSelected] = useState<{ cell: Cell; of: EvaluationView } | null>(null);
  // A cell belongs to the matrix it was clicked in: another test set's evaluation closes the gallery.
  const cell = selected?.of === evaluation ? selected.cell : null;
  const select = (chosen: Cell | null): void => setSelected(chosen && evaluation ? { cell: chosen, of: evaluation } : null);

  const note = mine
    ? heldOut.size === 0
      ? 'None of my digits is held out yet: add digits from the drawing pad (about one in five is held out).'
      : evaluation && !sameDigits(evaluation, heldOut)
        ? 'My digits have changed since this evaluation: Evaluate scores those held out now.'
        : `How the current weights read the ${heldOut.size.toLocaleString('en-GB')} digits of mine they never trained on. Click a cell to see its digits.`
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
