import { createStore, useStore } from 'zustand';

/*
 * Whether the settings and the network editor are open. Closed on a first visit, so training
 * is watched on one screen; remembered on this device (not a setting: the address does not carry it).
 */

const KEY = 'mnist-in-a-tab:settings-open';

function remembered(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    // Storage refused (a private window's policy): closed, as on a first visit.
    return false;
  }
}

const drawerStore = createStore<{ open: boolean }>()(() => ({ open: typeof localStorage === 'undefined' ? false : remembered() }));

export function useSettingsOpen(): boolean {
  return useStore(drawerStore, (state) => state.open);
}

export function setSettingsOpen(open: boolean): void {
  drawerStore.setState({ open });
  try {
    localStorage.setItem(KEY, open ? '1' : '0');
  } catch {
    // Not remembered, but open all the same.
  }
}
