import { isHeldOut, type MyDigit } from '../../ml/data/myDigits';
import { useAppState } from '../../state/store';

let last: { digits: readonly MyDigit[]; share: number; ids: ReadonlySet<string> } | null = null;

/**
 * The ids of my digits held out at `share`. Every panel asks for the same list and share: the set is
 * made once for them (hashing 10,000 digits takes milliseconds), and again only when either changes.
 */
export function heldOutIds(digits: readonly MyDigit[], share: number): ReadonlySet<string> {
  if (last?.digits !== digits || last.share !== share) {
    last = { digits, share, ids: new Set(digits.filter((digit) => isHeldOut(digit, share)).map((digit) => digit.id)) };
  }
  return last.ids;
}

/** The ids of my digits held out at the share in effect: never trained on, what "my digits" accuracy is measured on. */
export function useHeldOut(): ReadonlySet<string> {
  const digits = useAppState((state) => state.myDigits.digits);
  const share = useAppState((state) => state.config.train.myHoldOut);
  return heldOutIds(digits, share);
}
