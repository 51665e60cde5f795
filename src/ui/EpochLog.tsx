import { useMemo } from 'react';
import { useAppState } from '../state/store';
import { epochLine } from './format';

/** Lines shown: a training of thousands of epochs would otherwise keep a line of the page for each. */
const SHOWN = 100;

/** The current run's epochs, counted from its first as the run list counts them. */
export function EpochLog() {
  const all = useAppState((state) => state.training.epochs);
  const base = useAppState((state) => state.training.runEpochBase);
  const epochs = useMemo(
    () => all.filter((log) => log.epoch > base).map((log) => ({ ...log, epoch: log.epoch - base, lastEpoch: log.lastEpoch - base })),
    [all, base],
  );
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
