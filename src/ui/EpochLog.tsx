import { useAppState } from '../state/store';
import { epochLine } from './format';

/** Lines shown: a training of thousands of epochs would otherwise keep a line of the page for each. */
const SHOWN = 100;

export function EpochLog() {
  const epochs = useAppState((state) => state.training.epochs);
  if (epochs.length === 0) return null;
  const hidden = Math.max(0, epochs.length - SHOWN);
  return (
    <ol className="epoch-log" data-testid="epoch-log" aria-label="Epoch log">
      {hidden > 0 && (
        <li className="muted">
          {hidden.toLocaleString('en-GB')} earlier {hidden === 1 ? 'epoch' : 'epochs'}: every one is in the run’s CSV and JSON.
        </li>
      )}
      {epochs.slice(hidden).map((log) => (
        <li key={log.epoch}>{epochLine(log)}</li>
      ))}
    </ol>
  );
}
