import type { MyDigit } from '../ml/data/myDigits';
import { appStore, type MyDigitsView } from './store';

function update(change: Partial<MyDigitsView>): void {
  appStore.setState({ myDigits: { ...appStore.getState().myDigits, ...change } });
}

/** A change was asked of the worker: the last message goes until it answers. */
export function myDigitsBusy(): void {
  update({ busy: true, error: null, added: null });
}

export function myDigitsListed(digits: readonly MyDigit[], listed: boolean, added: number): void {
  const { busy } = appStore.getState().myDigits;
  // Only the answer to this tab's own change says how many it added; another tab's change lists quietly.
  update({ digits, listed, busy: false, added: busy ? added : null });
}

export function myDigitsFailed(message: string): void {
  update({ error: message, busy: false });
}
