import { holdTabLock } from '../worker/tabs';

const KEY = 'mnist-in-a-tab:tab';

type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * This tab's id, held for the page's life: sessionStorage keeps it across reloads and gives
 * every new tab its own; a duplicated tab, which copies its original's sessionStorage, finds
 * that id held and takes a new one. Where sessionStorage is refused, each load is a new tab.
 */
export async function claimTab(storage: TabStorage | null = sessionStore(), hold = holdTabLock): Promise<string> {
  const kept = read(storage);
  if (kept && (await hold(kept))) return kept;
  const id = crypto.randomUUID();
  try {
    storage?.setItem(KEY, id);
  } catch {
    // Full or refused: this load still has an id, only a reload will not find it.
  }
  await hold(id);
  return id;
}

function read(storage: TabStorage | null): string | null {
  try {
    return storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
