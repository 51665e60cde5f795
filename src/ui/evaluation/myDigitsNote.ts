import type { MyDigit } from '../../ml/data/myDigits';
import type { EvaluatedOn } from '../../ml/data/validation';
import { heldOutIds } from '../myDigits/useHeldOut';

const percentOf = (share: number): string => `${Math.round(share * 100)} %`;

/** Whether an evaluation of my digits scored exactly those it would score now (none added, deleted, or released by a smaller share). */
function current(on: Extract<EvaluatedOn, { kind: 'mine' }>, digits: readonly MyDigit[], share: number): boolean {
  const now = heldOutIds(digits, Math.min(share, on.share));
  return now.size === on.ids.length && on.ids.every((id) => now.has(id));
}

/** What the evaluation panel says of my held-out digits: what was scored, or why nothing can be. */
export function myDigitsNote(on: EvaluatedOn | null, digits: readonly MyDigit[], share: number, heldOut: number): string {
  if (heldOut === 0) {
    return share === 0
      ? 'The share of my digits held out is 0: raise it under Settings to keep some to measure on.'
      : `None of my digits is held out yet: add digits from the drawing pad (about ${percentOf(share)} are held out, each by its own fingerprint).`;
  }
  if (on?.kind !== 'mine') return `Evaluate scores the current weights on the ${heldOut.toLocaleString('en-GB')} digits of mine held out.`;
  if (!current(on, digits, share))
    return 'My digits or the share held out have changed since this evaluation: Evaluate scores those held out now.';
  const scored = on.ids.length.toLocaleString('en-GB');
  if (on.share < share) {
    return `These weights trained on my digits while only ${percentOf(on.share)} were held out: the ${scored} they never saw are scored, not all ${heldOut.toLocaleString('en-GB')} held out now.`;
  }
  return `How the current weights read the ${scored} digits of mine they never trained on. Click a cell to see its digits.`;
}
