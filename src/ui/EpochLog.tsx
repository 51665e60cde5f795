import { useAppState } from '../state/store';
import { epochLine } from './format';

export function EpochLog() {
  const epochs = useAppState((state) => state.training.epochs);
  if (epochs.length === 0) return null;
  return (
    <ol className="epoch-log" data-testid="epoch-log" aria-label="Epoch log">
      {epochs.map((log) => (
        <li key={log.epoch}>{epochLine(log)}</li>
      ))}
    </ol>
  );
}
