import { describe, expect, it } from 'vitest';
import { claimTab } from './tabId';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe('claimTab', () => {
  it('keeps the id across reloads of one tab', async () => {
    const storage = memoryStorage();
    const first = await claimTab(storage, () => Promise.resolve(true));
    expect(await claimTab(storage, () => Promise.resolve(true))).toBe(first);
  });

  it('gives a duplicated tab, whose copied id is held by its original, an id of its own', async () => {
    const storage = memoryStorage();
    const original = await claimTab(storage, () => Promise.resolve(true));
    const held = new Set([original]);
    const duplicate = await claimTab(storage, (id) => Promise.resolve(!held.has(id)));
    expect(duplicate).not.toBe(original);
    expect([...storage.values.values()]).toEqual([duplicate]);
  });

  it('still gives an id where sessionStorage is refused', async () => {
    const refused = {
      getItem: (): string | null => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: (): void => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(await claimTab(refused, () => Promise.resolve(true))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
