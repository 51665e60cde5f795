import { backendTitle } from '../ml/backend';
import { useAppState } from '../state/store';

export function BackendBadge() {
  const backend = useAppState((state) => state.backend);
  if (backend.state === 'starting') {
    return (
      <div className="backend" data-testid="backend" data-backend="">
        Starting TensorFlow.js…
      </div>
    );
  }
  if (backend.state === 'error') {
    return (
      <div className="backend" data-testid="backend" data-backend="">
        <p role="alert" className="alert">
          {backend.message}
        </p>
      </div>
    );
  }
  const { choice } = backend;
  const why = choice.reasons.join(' ');
  return (
    <div className="backend" data-testid="backend" data-backend={choice.name}>
      <span className="badge" title={why}>
        {backendTitle(choice.name)}
      </span>
      <span className="muted">
        {choice.software ? 'software: ' : ''}
        {choice.detail}
      </span>
      {choice.reasons.length > 0 && (
        <details>
          <summary>Why this backend?</summary>
          <ul>
            {choice.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
