import { useState } from 'react';
import { useAppState } from '../../state/store';
import { useMlClient } from '../mlClientContext';
import type { Cell } from './cell';
import { ClassScoresTable } from './ClassScoresTable';
import { ConfusionHeatmap } from './ConfusionHeatmap';
import { ConfusionMetrics } from './ConfusionMetrics';
import { MistakeGallery } from './MistakeGallery';
import { TopConfusions } from './TopConfusions';

/** The notebook's evaluation, and more: the confusion matrix, its geometry, per-class scores and the mistakes themselves. */
export function EvaluationPanel() {
  const client = useMlClient();
  const evaluation = useAppState((state) => state.evaluation);
  const error = useAppState((state) => state.evaluationError);
  const canEvaluate = useAppState(
    (state) => state.dataset.state === 'ready' && state.backend.state === 'ready' && state.training.state !== 'training',
  );
  const [selected, setSelected] = useState<Cell | null>(null);

  return (
    <section className="panel" aria-labelledby="evaluation-heading">
      <h2 id="evaluation-heading">
        {evaluation?.result.on.kind === 'validation' ? 'Evaluation on the held-out images' : 'Evaluation on the test set'}
      </h2>
      <div className="controls">
        <button type="button" disabled={!canEvaluate} onClick={() => client.evaluate()}>
          Evaluate
        </button>
        <span className="muted">
          {evaluation
            ? `Updated after every epoch; Evaluate scores the test set. Click a cell or a confusion to see its images.`
            : 'Train, or Evaluate the current weights on the test set.'}
        </span>
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      {evaluation && (
        <div className="evaluation">
          <ConfusionHeatmap matrix={evaluation.matrix} selected={selected} onSelect={setSelected} />
          <div>
            <ConfusionMetrics summary={evaluation.summary} />
            <TopConfusions matrix={evaluation.matrix} onSelect={setSelected} />
          </div>
          <ClassScoresTable matrix={evaluation.matrix} />
        </div>
      )}
      {evaluation && selected && <MistakeGallery result={evaluation.result} cell={selected} onClose={() => setSelected(null)} />}
    </section>
  );
}
