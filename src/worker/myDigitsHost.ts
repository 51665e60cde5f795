import { errorMessage } from '../ml/errors';
import type { MnistSplit } from '../ml/data/data';
import { IMAGE_PIXELS } from '../ml/data/mnist';
import { digitsFingerprint, holdOutPoint, NO_MY_DIGITS, type MyDigit, type MyDigitsConfig, type MyDigitsUse } from '../ml/data/myDigits';
import { digitsSplit, EMPTY_SPLIT } from '../ml/data/trainingSet';
import type { MyDigitsChange, Post } from './protocol';
import { addDigits, deleteDigits, listDigits } from './storage/myDigitsStore';

/** My held-out digits as a split, their ids in its order, and the share they are held out at. */
export interface HeldOutDigits {
  readonly split: MnistSplit;
  readonly ids: readonly string[];
  readonly share: number;
}

/** What a run takes of my digits: those it trains on (none unless its settings add them) and those it is measured on. */
export interface RunDigits {
  readonly train: MnistSplit;
  readonly use: MyDigitsUse | null;
  /** Null when none is held out. */
  readonly heldOut: HeldOutDigits | null;
}

/** Why a run that trains with my digits cannot start (the page waits for one; a page of another build might not). */
export const NO_DIGITS_TO_TRAIN =
  'Train with my digits is on, but none of my digits is there to train on (those held out never are). Add some from the drawing pad, or turn it off.';

/** A run that neither trains with my digits nor has any held out. */
export const NO_RUN_DIGITS: RunDigits = { train: EMPTY_SPLIT, use: null, heldOut: null };

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

  /**
   * My digits as a run with these settings takes them, once any change under way is done. Those it is
   * scored on are held out at the smaller of its share and `trained`, the smallest share the weights
   * have trained at before: a digit held out now but trained on then is no measure of generalising.
   */
  async forRun(config: MyDigitsConfig, trained: number | null = null): Promise<RunDigits> {
    await this.queue;
    const share = Math.min(config.myHoldOut, trained ?? 1);
    // Each digit hashed once: both sides come from its point.
    const points = this.digits.map((digit) => ({ digit, point: holdOutPoint(digit) }));
    const train = points.filter(({ point }) => point >= config.myHoldOut).map(({ digit }) => digit);
    const heldOut = points.filter(({ point }) => point < share).map(({ digit }) => digit);
    const use =
      config.myDigits && train.length > 0 ? { count: train.length, repeat: config.myRepeat, fingerprint: digitsFingerprint(train) } : null;
    return {
      train: digitsSplit(use ? train : []),
      use,
      heldOut: heldOut.length > 0 ? { split: digitsSplit(heldOut), ids: heldOut.map((digit) => digit.id), share } : null,
    };
  }

  /** My digits held out at `share` (or `trained`, if smaller), to be scored; an error that says why when there are none. */
  async heldOut(share: number, trained: number | null): Promise<HeldOutDigits> {
    const { heldOut } = await this.forRun({ ...NO_MY_DIGITS, myHoldOut: share }, trained);
    if (heldOut) return heldOut;
    if (trained !== null && trained < share)
      throw new Error(
        `these weights trained on my digits while only ${Math.round(trained * 100)} % were held out, and none of those is kept now: there is none they never saw`,
      );
    throw new Error(
      share === 0
        ? 'the share of my digits held out is 0, so there is none to score: raise it under Settings'
        : `none of my digits is held out yet (about ${Math.round(share * 100)} % are, each by its own fingerprint): add more from the drawing pad`,
    );
  }

  /** 784 bytes per requested digit of an evaluation, by its index among `ids`. */
  images(ids: readonly string[], indices: readonly number[]): Uint8Array {
    const byId = new Map(this.digits.map((digit) => [digit.id, digit]));
    const pixels = new Uint8Array(indices.length * IMAGE_PIXELS);
    indices.forEach((index, i) => {
      const digit = byId.get(ids[index] ?? '');
      if (!digit) throw new Error('that digit is no longer among my digits');
      pixels.set(digit.pixels, i * IMAGE_PIXELS);
    });
    return pixels;
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
