import { useMemo } from 'react';
import { isHeldOut } from '../../ml/data/myDigits';
import { useAppState } from '../../state/store';

/** The ids of my digits held out at the share in effect: never trained on, what "my digits" accuracy is measured on. */
export function useHeldOut(): ReadonlySet<string> {
  const digits = useAppState((state) => state.myDigits.digits);
  const share = useAppState((state) => state.config.train.myHoldOut);
  return useMemo(() => new Set(digits.filter((digit) => isHeldOut(digit, share)).map((digit) => digit.id)), [digits, share]);
}
