import { useState } from 'react';
import { DIGIT_LABELS, MAX_MY_DIGITS } from '../../ml/data/myDigits';
import { useAppState } from '../../state/store';
import { useMlClient } from '../mlClientContext';

interface Props {
  /** The 28×28 image the model received, as bytes: what is kept. */
  readonly pixels: Uint8Array;
  /** The model's reading, which the label starts at: correcting a wrong reading is one change. */
  readonly predicted: number;
}

/** Keeps the drawing, as the model received it, with a label, among my digits. */
export function AddToMyDigits({ pixels, predicted }: Props) {
  const client = useMlClient();
  const { digits, busy, added, error, listed } = useAppState((state) => state.myDigits);
  // The label the person chose for this drawing, if they changed it: null follows the reading.
  const [chosen, setChosen] = useState<{ label: number; pixels: Uint8Array } | null>(null);
  const [addedLabel, setAddedLabel] = useState<number | null>(null);
  const label = chosen?.pixels === pixels ? chosen.label : predicted;
  const full = digits.length >= MAX_MY_DIGITS;

  return (
    <div className="add-digit">
      <div className="controls">
        <label>
          Label{' '}
          <select value={label} onChange={(event) => setChosen({ label: Number(event.target.value), pixels })}>
            {DIGIT_LABELS.map((digit) => (
              <option key={digit} value={digit}>
                {digit}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy || !listed || full}
          onClick={() => {
            setAddedLabel(label);
            client.changeMyDigits({ kind: 'add', digits: [{ label, pixels: pixels.slice() }] });
          }}
        >
          Add to my digits
        </button>
      </div>
      {error ? (
        <p role="alert" className="alert">
          {error}
        </p>
      ) : (
        <p role="status" className="muted">
          {full
            ? `My digits are full (${MAX_MY_DIGITS.toLocaleString('en-GB')}): delete some to add more.`
            : added !== null && addedLabel !== null
              ? added > 0
                ? `Added as a ${addedLabel}: ${digits.length} of my digits.`
                : `That ${addedLabel} is already among my digits.`
              : null}
        </p>
      )}
    </div>
  );
}
