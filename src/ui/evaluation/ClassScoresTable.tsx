import { classScores, type ConfusionMatrix } from '../../ml/training/metrics';
import { VisPanel } from '../charts/VisPanel';
import type { Vis } from '../charts/useVis';
import { count } from '../format';

function drawScores(vis: Vis, container: HTMLElement, matrix: ConfusionMatrix) {
  const rows = classScores(matrix).map((s) => [
    String(s.digit),
    s.precision.toFixed(4),
    s.recall.toFixed(4),
    s.f1.toFixed(4),
    count(s.support),
  ]);
  vis.render.table(container, { headers: ['Digit', 'Precision', 'Recall', 'F1', 'Support'], values: rows });
  return undefined;
}

export function ClassScoresTable({ matrix }: { matrix: ConfusionMatrix }) {
  return <VisPanel title="Per class" testId="class-scores" data={matrix} draw={drawScores} intervalMs={0} />;
}
