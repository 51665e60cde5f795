/**
 * Which tabs of the app are open. Each page holds a Web Lock named after its tab for its
 * whole life (the name survives a reload: the id is in sessionStorage), so any tab or
 * worker can ask which tabs are open, and wait for one to close.
 */
const PREFIX = 'mnist-in-a-tab-tab:';

export function tabLockName(tab: string): string {
  return `${PREFIX}${tab}`;
}

function locks(): LockManager | null {
  return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
}

/** The ids of the open tabs, or null where Web Locks are missing (nobody can tell). */
export async function openTabs(): Promise<ReadonlySet<string> | null> {
  const manager = locks();
  if (!manager) return null;
  const { held = [] } = await manager.query();
  return new Set(held.flatMap(({ name }) => (name?.startsWith(PREFIX) ? [name.slice(PREFIX.length)] : [])));
}

/**
 * Holds the tab's lock until the page goes away; false if another page holds it for longer
 * than `patience` ms (a duplicated tab, which inherits its original's id). A reload waits a
 * moment for its previous page to let go. True where Web Locks are missing.
 */
export function holdTabLock(tab: string, patience = 1_000): Promise<boolean> {
  const manager = locks();
  if (!manager) return Promise.resolve(true);
  return new Promise((resolve) => {
    manager
      .request(tabLockName(tab), { signal: AbortSignal.timeout(patience) }, () => {
        resolve(true);
        return new Promise<never>(() => undefined);
      })
      .catch(() => {
        resolve(false);
      });
  });
}

/** Calls `closed` once the tab `tab` is gone (at once if it is not open); never where Web Locks are missing. */
export function whenTabCloses(tab: string, closed: () => void): void {
  // Granted only once that page has let its lock go; given back at once, so a reload of it is not held up.
  void locks()?.request(tabLockName(tab), () => {
    closed();
  });
}
