import { ACTIVATIONS, CLASS_NAMES, NETWORK_BOUNDS } from '../../ml/network/network';
import { ROW_FIELDS, fieldError, type LayerRow, type RowField } from '../../state/networkRows';

const FIELD_LABELS: Readonly<Record<RowField, string>> = {
  filters: 'Filters',
  kernel: 'Kernel',
  padding: 'Padding',
  activation: 'Activation',
  size: 'Pool size',
  rate: 'Rate',
  units: 'Units',
};

const KERNELS = Array.from({ length: NETWORK_BOUNDS.kernel.max }, (_, i) => String(i + 1));

/** The choices of a field chosen from a list, as value and title; null for a typed one. */
function choicesOf(field: RowField): readonly (readonly [string, string])[] | null {
  switch (field) {
    case 'kernel':
      return KERNELS.map((k) => [k, `${k}×${k}`]);
    case 'padding':
      return [
        ['valid', 'valid (shrinks)'],
        ['same', 'same (keeps size)'],
      ];
    case 'activation':
      return ACTIVATIONS.map((a) => [a, a]);
    case 'size':
      return [
        ['2', '2×2'],
        ['3', '3×3'],
      ];
    case 'filters':
    case 'rate':
    case 'units':
      return null;
  }
}

interface Props {
  readonly row: LayerRow;
  readonly index: number;
  readonly count: number;
  /** The plan's output shape after this layer, when the network can be planned. */
  readonly output: string | null;
  /** Why the network cannot be trained, when it is this layer's fault. */
  readonly refusal: string | null;
  readonly onField: (field: RowField, text: string) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}

/** One layer of the network: its kind, each of its fields labelled, and buttons to move or remove it. */
export function LayerRowEditor({ row, index, count, output, refusal, onField, onMove, onRemove }: Props) {
  const position = index + 1;
  const title = CLASS_NAMES[row.kind];
  return (
    <li className="network-layer" data-testid="network-layer" data-kind={row.kind} aria-label={`Layer ${position}: ${title}`}>
      <span className="layer-title">
        <span className="muted">{position}</span> {title}
      </span>
      <div className="layer-fields">
        {ROW_FIELDS[row.kind].map((field) => {
          const id = `layer-${row.id}-${field}`;
          const text = row.fields[field] ?? '';
          const choices = choicesOf(field);
          const error = choices ? null : fieldError(field, text);
          return (
            <span key={field} className={`layer-field${error ? ' invalid' : ''}`}>
              <label htmlFor={id}>{FIELD_LABELS[field]}</label>
              {choices ? (
                <select id={id} value={text} onChange={(event) => onField(field, event.target.value)}>
                  {choices.map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type="text"
                  inputMode={field === 'rate' ? 'decimal' : 'numeric'}
                  autoComplete="off"
                  size={5}
                  value={text}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onChange={(event) => onField(field, event.target.value)}
                />
              )}
              {error && (
                <span id={`${id}-error`} className="field-error" role="alert">
                  {error}
                </span>
              )}
            </span>
          );
        })}
      </div>
      <span className="layer-output muted">{output ?? ''}</span>
      <span className="layer-buttons">
        <button type="button" aria-label={`Move layer ${position} up`} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" aria-label={`Move layer ${position} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" aria-label={`Remove layer ${position}`} onClick={onRemove}>
          Remove
        </button>
      </span>
      {refusal && (
        <p className="field-error layer-refusal" role="alert">
          {refusal}
        </p>
      )}
    </li>
  );
}
