import { useOffline } from '../state/offline';
import { useAppState } from '../state/store';

/**
 * A new version is installed and waits. Reload hands it control and reloads the page; saved
 * models and runs live in IndexedDB, which an update never touches. While training the button
 * waits too: the page never reloads under a run.
 */
export function UpdateNotice() {
  const updateReady = useOffline((view) => view.updateReady);
  const applyUpdate = useOffline((view) => view.applyUpdate);
  const training = useAppState((state) => state.training.state === 'training');
  if (!updateReady || !applyUpdate) return null;
  return (
    <div className="update-notice" role="status" data-testid="update-notice">
      <span>A new version is ready.</span>
      <button type="button" disabled={training} onClick={applyUpdate}>
        Reload
      </button>
      {training && <span className="muted">once the training ends</span>}
    </div>
  );
}
