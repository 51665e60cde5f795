import { errorMessage } from '../ml/errors';
import type { MyDigit } from '../ml/data/myDigits';
import type { MyDigitsChange, Post } from './protocol';
import { addDigits, deleteDigits, listDigits } from './storage/myDigitsStore';

/** Every tab of the app hears on this channel when another one changed my digits. */
const CHANNEL = 'mnist-in-a-tab-digits';

/** My digits: kept in the worker's database, shared by every tab, the page told the whole list after each change. */
export class MyDigitsHost {
  private readonly otherTabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  private digits: MyDigit[] = [];
  /** Changes one after another, so a list is never posted out of order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly post: Post) {
    if (this.otherTabs) this.otherTabs.onmessage = () => this.change(null);
  }

  change(change: MyDigitsChange | null): void {
    this.queue = this.queue.then(() => this.apply(change));
  }

  private async apply(change: MyDigitsChange | null): Promise<void> {
    let added = 0;
    try {
      if (change?.kind === 'add') added = await addDigits(change.digits);
      if (change?.kind === 'delete') await deleteDigits(change.id);
      if (change) this.otherTabs?.postMessage('changed');
    } catch (error) {
      this.post({ type: 'my-digits-failed', message: `${errorMessage(error)} My digits are unchanged.` });
    }
    try {
      this.digits = await listDigits();
      this.post({ type: 'my-digits', digits: this.digits, listed: true, added });
    } catch (error) {
      this.post({ type: 'my-digits-failed', message: errorMessage(error) });
      this.post({ type: 'my-digits', digits: this.digits, listed: false, added: 0 });
    }
  }
}
