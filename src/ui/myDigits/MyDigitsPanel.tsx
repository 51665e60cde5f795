import { useMemo } from 'react';
import { DIGIT_LABELS, type MyDigit } from '../../ml/data/myDigits';
import { useAppState } from '../../state/store';
import { useMlClient } from '../mlClientContext';
import { DeleteAllDigits } from './DeleteAllDigits';
import { DigitFiles } from './DigitFiles';
import { DigitThumb } from './DigitThumb';
import { useHeldOut } from './useHeldOut';

/** My digits by label, with their held-out share, files down and up, and deleting. */
export function MyDigitsPanel() {
  const client = useMlClient();
  const { digits, listed, busy, error } = useAppState((state) => state.myDigits);
  const share = useAppState((state) => state.config.train.myHoldOut);
  const heldOut = useHeldOut();
  const byLabel = useMemo(() => DIGIT_LABELS.map((label) => digits.filter((digit) => digit.label === label)), [digits]);
  const remove = (digit: MyDigit): void => client.changeMyDigits({ kind: 'delete', id: digit.id });

  return (
    <section className="panel my-digits-panel" aria-labelledby="my-digits-heading">
      <h2 id="my-digits-heading">My digits</h2>
      <p className="muted">
        Digits you drew and added from the pad, as the model received them. About {Math.round(share * 100)} % of them are held out (now{' '}
        {heldOut.size.toLocaleString('en-GB')} of {digits.length.toLocaleString('en-GB')}, outlined with dashes), each chosen by its own
        fingerprint: they are never to be trained on, so that they measure how well the network reads your handwriting, not how well it
        remembers it.
      </p>
      <div className="controls">
        <DigitFiles digits={digits} disabled={!listed || busy} />
        <DeleteAllDigits
          count={digits.length}
          disabled={!listed || busy}
          onDelete={() => client.changeMyDigits({ kind: 'delete', id: null })}
        />
      </div>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <div data-testid="my-digits" data-count={digits.length} data-held-out={heldOut.size} className="my-digits">
        {byLabel.map((group, label) => (
          <div key={label} className="my-digits-row">
            <h3>
              {label} <span className="muted">· {group.length}</span>
            </h3>
            <ul aria-label={`My digits labelled ${label}`}>
              {group.map((digit, i) => (
                <DigitThumb
                  key={digit.id}
                  digit={digit}
                  heldOut={heldOut.has(digit.id)}
                  name={`${label} (${i + 1} of ${group.length})`}
                  disabled={busy}
                  onDelete={() => remove(digit)}
                />
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}
