import { badgeState, useOffline, type OfflineBadgeState, type OfflineView } from '../state/offline';

function text(state: OfflineBadgeState, view: OfflineView): string {
  switch (state) {
    case 'installing':
      return 'Saving an offline copy…';
    case 'ready':
      return 'Ready offline';
    case 'failed':
      return 'Offline copy incomplete';
    case 'offline':
      return view.copy === 'ready' ? 'Offline now — running from the cache' : 'Offline now — no offline copy yet';
    case 'unsupported':
      return 'No offline copy';
  }
}

const TITLE: Record<OfflineBadgeState, string> = {
  installing: 'The app, its engines and the dataset are being kept in this browser, so the next visit works without a network.',
  ready: 'Everything this app needs is kept in this browser: it opens and trains without a network.',
  failed: '',
  offline: 'There is no network; training, drawing, saving and runs still work.',
  unsupported: '',
};

/** Whether the app can open without a network, and whether it is doing so now. */
export function OfflineBadge() {
  const view = useOffline((offline) => offline);
  const state = badgeState(view);
  return (
    <span className="muted offline-status" data-testid="offline-status" data-state={state} title={TITLE[state] || view.reason}>
      {text(state, view)} · <span data-testid="app-version">v{__APP_VERSION__}</span>
    </span>
  );
}
