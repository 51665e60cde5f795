import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * The offline copy, as the service worker finds it: being made or mended (`installing`), every
 * file in the cache (`ready`), short of files it could not fetch and tried again when the network
 * is back (`failed`), or impossible here (`unsupported`: no service worker in this browser, a
 * refused registration, or the dev server, which never registers one).
 */
export type OfflineCopy = 'installing' | 'ready' | 'failed' | 'unsupported';

/** What the header's badge says (docs/automation.md): the copy, or that the network is gone. */
export type OfflineBadgeState = OfflineCopy | 'offline';

export interface OfflineView {
  readonly copy: OfflineCopy;
  /** Why there is no offline copy, when `copy` is `failed` or `unsupported`. */
  readonly reason: string;
  readonly online: boolean;
  /** A new version is installed and waiting for the person's Reload. */
  readonly updateReady: boolean;
  /** Hands control to the waiting version, which reloads the page; null until one is registered. */
  readonly applyUpdate: (() => void) | null;
}

export const offlineStore = createStore<OfflineView>()(() => ({
  copy: 'installing',
  reason: '',
  online: true,
  updateReady: false,
  applyUpdate: null,
}));

export function useOffline<T>(selector: (view: OfflineView) => T): T {
  return useStore(offlineStore, selector);
}

export function badgeState(view: Pick<OfflineView, 'copy' | 'online'>): OfflineBadgeState {
  return view.online ? view.copy : 'offline';
}
