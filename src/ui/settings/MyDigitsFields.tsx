import { useAppState } from '../../state/store';
import { useHeldOut } from '../myDigits/useHeldOut';
import { CheckboxField, NumberField } from './fields';

/** Training with my digits: whether they join every epoch, how often, and the share of them held out. */
export function MyDigitsFields() {
  const count = useAppState((state) => state.myDigits.digits.length);
  const on = useAppState((state) => state.settings.draft.myDigits === '1');
  const heldOut = useHeldOut().size;
  const training = count - heldOut;
  const counts =
    count === 0
      ? 'None kept yet: add digits from the drawing pad.'
      : `${training.toLocaleString('en-GB')} of my ${count.toLocaleString('en-GB')} digits would train; ${heldOut.toLocaleString('en-GB')} are held out.`;
  return (
    <>
      <CheckboxField name="myDigits" hint={on && training === 0 ? `${counts} Train waits for one to train on.` : counts} />
      <NumberField
        name="myRepeat"
        hint={on ? 'Times each joins every epoch, among MNIST’s images.' : 'Used when training with my digits.'}
      />
      <NumberField name="myHoldOut" decimal hint="Never trained on: what accuracy on my digits is measured on." />
    </>
  );
}
