import { backendTitle } from '../ml/engines/backend';
import { useAppState } from '../state/store';
import { useMlClient } from './mlClientContext';

/** A lost GPU, a restarted worker or one that is gone for good: what happened, what was kept, and the way on. */
export function FaultAlert() {
  const client = useMlClient();
  const fault = useAppState((state) => state.fault);
  const datasetReady = useAppState((state) => state.dataset.state === 'ready');
  if (!fault) return null;
  return (
    <div role="alert" className="alert" data-testid="fault" data-kind={fault.kind}>
      <p>{fault.message}</p>
      {fault.kind === 'backend-lost' &&
        (fault.fallback ? (
          <button type="button" className="primary" disabled={!datasetReady} onClick={() => client.continueOn(fault.fallback ?? 'cpu')}>
            Continue training on {backendTitle(fault.fallback)}
          </button>
        ) : (
          <p>No other backend is available here; reload the page to start again.</p>
        ))}
      {fault.kind === 'worker-lost' && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            window.location.reload();
          }}
        >
          Reload the page
        </button>
      )}
    </div>
  );
}
