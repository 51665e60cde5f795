import type { MyDigit } from '../../ml/data/myDigits';
import { DigitCanvas } from '../DigitCanvas';

interface Props {
  readonly digit: MyDigit;
  readonly heldOut: boolean;
  /** "3 (2 of 5)": which digit, for the image and its delete button. */
  readonly name: string;
  readonly disabled: boolean;
  readonly onDelete: () => void;
}

/** One of my digits: its image, whether it is held out, and its own delete button. */
export function DigitThumb({ digit, heldOut, name, disabled, onDelete }: Props) {
  const when = new Date(digit.addedAt).toLocaleString('en-GB');
  return (
    <li data-testid="my-digit" data-label={digit.label} data-held-out={heldOut} className={heldOut ? 'held-out' : undefined}>
      <DigitCanvas pixels={digit.pixels} size={42} label={`My ${name}, added ${when}${heldOut ? ', held out' : ''}`} />
      <button type="button" className="delete-digit" disabled={disabled} aria-label={`Delete my ${name}`} onClick={onDelete}>
        ×
      </button>
    </li>
  );
}
