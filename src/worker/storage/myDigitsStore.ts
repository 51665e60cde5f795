import { digitHash, MAX_MY_DIGITS, readMyDigit, type DigitImage, type MyDigit } from '../../ml/data/myDigits';
import { withAppDb } from './appDb';
import { StorageError, describeStorageFailure } from './modelStore';

/* My digits in the worker's database: listed oldest first, added and removed in single transactions. */

export async function listDigits(): Promise<MyDigit[]> {
  try {
    const stored = await withAppDb((db) => db.getAll('digits'));
    return stored.flatMap((entry) => readMyDigit(entry) ?? []).sort((a, b) => a.addedAt - b.addedAt || a.id.localeCompare(b.id));
  } catch (error) {
    throw describeStorageFailure('Reading my digits', error);
  }
}

// The place in its batch padded, so that ids of one batch sort in the order they were given (an upload's file order).
const newId = (digit: DigitImage, at: number, i: number): string =>
  `${at.toString(36)}-${i.toString(36).padStart(3, '0')}-${digitHash(digit).toString(16).padStart(8, '0')}`;

/**
 * Adds digits in one transaction, leaving out any already kept (the same label and pixels: an
 * upload of a downloaded set adds nothing twice). Refuses the whole lot if it would pass the cap.
 * Returns how many were added.
 */
export async function addDigits(digits: readonly DigitImage[]): Promise<number> {
  const at = Date.now();
  try {
    return await withAppDb(async (db) => {
      const transaction = db.transaction('digits', 'readwrite');
      const store = transaction.objectStore('digits');
      const kept = (await store.getAll()).flatMap((entry) => readMyDigit(entry) ?? []);
      const seen = new Set(kept.map((digit) => `${digit.label}:${digitHash(digit)}`));
      const fresh = digits.filter((digit) => {
        const key = `${digit.label}:${digitHash(digit)}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      if (kept.length + fresh.length > MAX_MY_DIGITS) {
        transaction.abort();
        await transaction.done.catch(() => undefined);
        throw new StorageError(
          `My digits are full: ${kept.length.toLocaleString('en-GB')} are kept and at most ${MAX_MY_DIGITS.toLocaleString('en-GB')} fit. Delete some first.`,
        );
      }
      await Promise.all(
        fresh.map((digit, i) => store.put({ id: newId(digit, at, i), label: digit.label, pixels: digit.pixels, addedAt: at })),
      );
      await transaction.done;
      return fresh.length;
    });
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw describeStorageFailure('Keeping the digit', error);
  }
}

/** Deletes one digit (null: all of them). */
export async function deleteDigits(id: string | null): Promise<void> {
  try {
    await withAppDb((db) => (id === null ? db.clear('digits') : db.delete('digits', id)));
  } catch (error) {
    throw describeStorageFailure(id === null ? 'Deleting my digits' : 'Deleting the digit', error);
  }
}
