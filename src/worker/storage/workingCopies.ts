import { NOTEBOOK_NETWORK, readNetwork } from '../../ml/network/network';
import { readOptimizer } from '../../ml/training/optimizers';
import { readHoldOut } from '../../ml/data/myDigits';
import { withAppDb, type StoredSnapshot, type WorkingSlot } from './appDb';
import { openTabs } from '../tabs';
import type { Snapshot } from '../protocol';

/** Slots beyond this many are trimmed, closed tabs' oldest first: each holds a model's weights. */
export const MAX_SLOTS = 8;

/** A slot as stored: this version's, or the single `current` one of an earlier version (a tab long closed). */
function slotOf(value: WorkingSlot | StoredSnapshot): { snapshot: Snapshot | null; keptAt: number } {
  const slot = 'keptAt' in value ? value : { snapshot: value, keptAt: 0 };
  return { snapshot: slot.snapshot && readSnapshot(slot.snapshot), keptAt: slot.keptAt };
}

/**
 * A stored snapshot, checked, with its network and optimiser: one kept before networks could be edited
 * is of the notebook's network; an optimiser absent (kept before it was) or malformed is the notebook's.
 */
function readSnapshot(stored: StoredSnapshot): Snapshot | null {
  const network = stored.record.network === undefined ? NOTEBOOK_NETWORK : readNetwork(stored.record.network);
  if (!network) return null;
  const { optimizer, myHoldOut } = stored.record;
  return { ...stored, record: { ...stored.record, network, optimizer: readOptimizer(optimizer), myHoldOut: readHoldOut(myHoldOut) } };
}

/**
 * Keeps the last good weights of this tab's model (null: it chose fresh weights, as after
 * Reset). Every tab has its own slot, so one tab's training or Reset never touches another's.
 */
export async function keepWorkingCopy(tab: string, snapshot: Snapshot | null, now = Date.now()): Promise<void> {
  const count = await withAppDb(async (db) => {
    await db.put('working', { snapshot, keptAt: now }, tab);
    return db.count('working');
  });
  if (count > MAX_SLOTS) await trimSlots(tab);
}

async function trimSlots(tab: string): Promise<void> {
  const open = (await openTabs()) ?? new Set<string>();
  await withAppDb(async (db) => {
    const transaction = db.transaction('working', 'readwrite');
    const keys = await transaction.store.getAllKeys();
    const values = await transaction.store.getAll();
    const closed = keys
      .map((key, i) => ({ key, keptAt: values[i] ? slotOf(values[i]).keptAt : 0 }))
      .filter(({ key }) => key !== tab && !open.has(key))
      .sort((a, b) => a.keptAt - b.keptAt);
    const excess = keys.length - MAX_SLOTS;
    await Promise.all(closed.slice(0, Math.max(0, excess)).map(({ key }) => transaction.store.delete(key)));
    await transaction.done;
  });
}

/** Where the weights a new page of this tab starts from come from. */
export type LastCopy =
  | { readonly whose: 'this-tab'; readonly snapshot: Snapshot }
  /** This tab chose fresh weights last (Reset): nothing comes back. */
  | { readonly whose: 'reset' }
  /** A tab that is open now, or one that was closed (the last visit), newest first. */
  | { readonly whose: 'open-tab' | 'closed-tab'; readonly snapshot: Snapshot }
  | { readonly whose: 'none' };

/** The weights this tab left, else the newest any other tab left, and whose they are. */
export async function lastCopy(tab: string): Promise<LastCopy> {
  const [keys, values] = await withAppDb(async (db) => {
    const transaction = db.transaction('working', 'readonly');
    return Promise.all([transaction.store.getAllKeys(), transaction.store.getAll()]);
  });
  const slots = keys.flatMap((key, i) => {
    const value = values[i];
    return value ? [{ key, slot: slotOf(value) }] : [];
  });
  const own = slots.find((entry) => entry.key === tab);
  if (own) return own.slot.snapshot ? { whose: 'this-tab', snapshot: own.slot.snapshot } : { whose: 'reset' };
  const newest = slots
    .filter((entry) => entry.slot.snapshot?.trained)
    .reduce<(typeof slots)[number] | undefined>((best, entry) => (!best || entry.slot.keptAt > best.slot.keptAt ? entry : best), undefined);
  const snapshot = newest?.slot.snapshot;
  if (!newest || !snapshot) return { whose: 'none' };
  const open = await openTabs();
  return { whose: open?.has(newest.key) ? 'open-tab' : 'closed-tab', snapshot };
}
