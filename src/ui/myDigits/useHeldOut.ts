import { isHeldOut, type MyDigit } from '../../ml/data/myDigits';
import { useAppState } from '../../state/store';

const made = new WeakMap<readonly MyDigit[], Map<number, ReadonlySet<string>>>();

/**
 * The ids of my digits held out at `share`. Every panel asks of the same list: each share's set is
 * made once for it (hashing 10,000 digits takes milliseconds), and forgotten with the list.
 */
export function heldOutIds(digits: readonly MyDigit[], share: number): ReadonlySet<string> {
  const byShare = made.get(digits) ?? new Map<number, ReadonlySet<string>>();
  made.set(digits, byShare);
  let ids = byShare.get(share);
  if (!ids) {
    ids = new Set(digits.filter((digit) => isHeldOut(digit, share)).map((digit) => digit.id));
    byShare.set(share, ids);
  }
  return ids;
}

/** The ids of my digits held out at the share in effect: never trained on, what "my digits" accuracy is measured on. */
export function useHeldOut(): ReadonlySet<string> {
  const digits = useAppState((state) => state.myDigits.digits);
  const share = useAppState((state) => state.config.train.myHoldOut);
  return heldOutIds(digits, share);
}
