import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../ml/data/mnist';
import { digitsFingerprint, isHeldOut, NO_MY_DIGITS, type DigitImage } from '../ml/data/myDigits';
import { MyDigitsHost } from './myDigitsHost';
import type { FromWorker } from './protocol';

const digit = (label: number, seed: number): DigitImage => ({
  label,
  pixels: Uint8Array.from({ length: IMAGE_PIXELS }, (_, i) => (i * seed + label) % 256),
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('my digits as a run takes them', () => {
  it('trains on those not held out (only when asked), measures on the rest, and fetches their images by id', async () => {
    const posted: FromWorker[] = [];
    const host = new MyDigitsHost((message) => posted.push(message));
    const kept = Array.from({ length: 40 }, (_, i) => digit(i % 10, i + 1));
    host.change({ kind: 'add', digits: kept });
    const share = 0.2;
    const heldOut = kept.filter((entry) => isHeldOut(entry, share));
    const train = kept.filter((entry) => !isHeldOut(entry, share));
    expect(heldOut.length).toBeGreaterThan(0);

    // Asked at once: the add under way is waited for.
    const run = await host.forRun({ myDigits: true, myRepeat: 5, myHoldOut: share });
    expect(run.use).toEqual({ count: train.length, repeat: 5, fingerprint: digitsFingerprint(train) });
    expect(Array.from(run.train.labels)).toEqual(train.map((entry) => entry.label));
    expect(run.heldOut?.split.count).toBe(heldOut.length);
    expect(Array.from(run.heldOut?.split.labels ?? [])).toEqual(heldOut.map((entry) => entry.label));

    const off = await host.forRun({ ...NO_MY_DIGITS, myHoldOut: share });
    expect(off.use).toBeNull();
    expect(off.train.count).toBe(0);
    expect(off.heldOut?.ids).toEqual(run.heldOut?.ids);

    const ids = run.heldOut?.ids ?? [];
    const images = host.images(ids, [1, 0]);
    expect(images.subarray(0, IMAGE_PIXELS)).toEqual(heldOut[1]?.pixels);
    expect(images.subarray(IMAGE_PIXELS)).toEqual(heldOut[0]?.pixels);

    // A digit deleted since the evaluation cannot be shown.
    host.change({ kind: 'delete', id: ids[0] ?? '' });
    await host.forRun(NO_MY_DIGITS);
    expect(() => host.images(ids, [0])).toThrow('no longer among my digits');
    expect(posted.filter((message) => message.type === 'my-digits')).toHaveLength(2);
  });

  it('holds none out at a share of 0, and trains on nothing when there is nothing', async () => {
    const host = new MyDigitsHost(() => undefined);
    expect(await host.forRun({ myDigits: true, myRepeat: 3, myHoldOut: 0.2 })).toMatchObject({ use: null, heldOut: null });
    host.change({ kind: 'add', digits: [digit(1, 1), digit(2, 2)] });
    expect((await host.forRun({ myDigits: true, myRepeat: 3, myHoldOut: 0 })).heldOut).toBeNull();
  });
});
