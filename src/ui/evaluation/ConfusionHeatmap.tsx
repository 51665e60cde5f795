import type { ConfusionMatrix } from '../../ml/training/metrics';
import type { Cell } from './cell';
import { cellColors } from './cellColors';

interface Props {
  matrix: ConfusionMatrix;
  selected: Cell | null;
  /** Opens a cell's gallery; without it (a past run's matrix, whose images are not kept) cells are plain text. */
  onSelect?: (cell: Cell) => void;
  testId?: string;
}

/** Log-scaled so that a handful of errors is visible next to a diagonal of a thousand. */
function shade(count: number, max: number): number {
  return count === 0 ? 0 : Math.log1p(count) / Math.log1p(max);
}

/**
 * The confusion matrix as a grid of buttons: counts overlaid, rows true, columns
 * predicted, each cell a keyboard-reachable way into the gallery of its images.
 */
export function ConfusionHeatmap({ matrix, selected, onSelect, testId = 'confusion-matrix' }: Props) {
  const diagonalMax = Math.max(1, ...matrix.map((row, i) => row[i] ?? 0));
  const errorMax = Math.max(1, ...matrix.flatMap((row, i) => row.filter((_, j) => j !== i)));
  const digits = matrix.map((_, i) => i);

  return (
    <div className="heatmap" data-testid={testId} data-matrix={JSON.stringify(matrix)}>
      <div className="heatmap-axis-x">predicted</div>
      <div className="heatmap-axis-y">true</div>
      <table>
        <thead>
          <tr>
            <th aria-hidden="true" />
            {digits.map((j) => (
              <th key={j} scope="col">
                {j}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => (
            <tr key={i}>
              <th scope="row">{i}</th>
              {row.map((count, j) => {
                const diagonal = i === j;
                const colors =
                  count > 0 ? cellColors(diagonal ? 'diagonal' : 'error', shade(count, diagonal ? diagonalMax : errorMax)) : null;
                const isSelected = selected?.actual === i && selected.predicted === j;
                const label = `True ${i}, predicted ${j}: ${count} image${count === 1 ? '' : 's'}`;
                const className = `cell ${diagonal ? 'diagonal' : 'error'}${isSelected ? ' selected' : ''}`;
                const style = colors ? { background: colors.background, color: colors.color } : undefined;
                return (
                  <td key={j}>
                    {onSelect ? (
                      <button
                        type="button"
                        className={className}
                        style={style}
                        data-actual={i}
                        data-predicted={j}
                        aria-pressed={isSelected}
                        aria-label={label}
                        onClick={() => onSelect({ actual: i, predicted: j })}
                      >
                        {count}
                      </button>
                    ) : (
                      <span className={className} style={style} title={label}>
                        {count}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
