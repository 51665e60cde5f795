import { topConfusions, type ConfusionMatrix } from '../../ml/training/metrics';
import type { Cell } from './cell';

export function TopConfusions({ matrix, onSelect }: { matrix: ConfusionMatrix; onSelect: (cell: Cell) => void }) {
  const confusions = topConfusions(matrix, 5);
  if (confusions.length === 0) return <p className="muted">No confusions at all.</p>;
  return (
    <div>
      <h3>Most frequent confusions</h3>
      <ol className="top-confusions" data-testid="top-confusions">
        {confusions.map(({ actual, predicted, count }) => (
          <li key={`${actual}-${predicted}`}>
            <button type="button" className="link" onClick={() => onSelect({ actual, predicted })}>
              {actual} → {predicted}
            </button>{' '}
            <span className="muted">
              {count} image{count === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
