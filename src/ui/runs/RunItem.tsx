import { originSentence, startedFrom, startKind } from '../../state/runs/origin';
import { useState } from 'react';
import { historyCsv } from '../../state/runs/csv';
import type { RunRecord } from '../../state/runs/record';
import { runCompared, runOpened, runRemoved, runRenamed } from '../../state/runs/runActions';
import { runJson } from '../../state/runs/runFile';
import { useAppState } from '../../state/store';
import { offerFile } from '../download';
import { downloadLogs } from './downloadLogs';
import { netText } from '../../ml/network/netText';
import { runSummary } from './runRows';

const STATE_TEXT: Record<RunRecord['state'], string> = { running: 'running', done: 'done', stopped: 'stopped', failed: 'failed' };

/** One kept run: compare it, open it, rename, download or delete it. */
export function RunItem({ run, label }: { run: RunRecord; label: string }) {
  const compared = useAppState((state) => state.runs.compared.includes(run.id));
  const opened = useAppState((state) => state.runs.opened === run.id);
  const recording = useAppState((state) => state.runs.recording === run.id);
  // Training in another open tab: that tab writes it, so it cannot be deleted from here meanwhile.
  const elsewhere = useAppState((state) => state.runs.elsewhere.includes(run.id));
  const [renaming, setRenaming] = useState<string | null>(null);

  return (
    <li
      className={`run${opened ? ' opened' : ''}`}
      data-testid="run"
      data-run-id={run.id}
      data-state={run.state}
      data-network={netText(run.settings.network)}
      data-start={startKind(run.origin)}
      data-started-from={startedFrom(run.origin)}
      data-my-digits={run.myDigits?.count ?? 0}
    >
      <label className="compare-box">
        <input type="checkbox" checked={compared} onChange={(event) => runCompared(run.id, event.target.checked)} />
        Compare
      </label>
      <div className="run-body">
        {renaming === null ? (
          <>
            <strong className="run-name" title={run.id}>
              {run.name}
            </strong>
            {label !== run.name && (
              <span className="run-label" title={run.id}>
                {label}
              </span>
            )}
          </>
        ) : (
          <form
            className="rename"
            onSubmit={(event) => {
              event.preventDefault();
              runRenamed(run.id, renaming);
              setRenaming(null);
            }}
          >
            <label>
              Run name <input value={renaming} maxLength={200} autoFocus onChange={(event) => setRenaming(event.target.value)} />
            </label>
            <button type="submit">Save name</button>
            <button type="button" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        <span className={`run-state ${run.state}`}>{elsewhere ? 'running in another tab' : STATE_TEXT[run.state]}</span>
        <div className="muted">
          {new Date(run.startedAt).toLocaleString('en-GB')} · {runSummary(run)}
        </div>
        {run.origin.kind !== 'fresh' && <div className="run-origin">{originSentence(run.origin)}</div>}
        {run.message && <div className="muted">{run.message}</div>}
        {run.savedModel && <div className="muted">Saved as “{run.savedModel.name}”.</div>}
        {elsewhere && <div className="muted">Another tab is training this run: it can be deleted there, or here once it ends.</div>}
      </div>
      <div className="run-actions">
        <button type="button" aria-pressed={opened} onClick={() => runOpened(opened ? null : run.id)}>
          {opened ? 'Close' : 'Open'}
        </button>
        <button type="button" onClick={() => setRenaming(run.name)}>
          Rename
        </button>
        <button type="button" onClick={() => offerFile(historyCsv(run), `${run.id}.csv`, 'text/csv')}>
          Download CSV
        </button>
        <button type="button" onClick={() => offerFile(runJson(run), `${run.id}.json`, 'application/json')}>
          Download JSON
        </button>
        <button type="button" disabled={run.epochs.length === 0} onClick={() => void downloadLogs([run])}>
          Download TensorBoard logs
        </button>
        <button type="button" disabled={recording || elsewhere} onClick={() => runRemoved(run.id)}>
          Delete
        </button>
      </div>
    </li>
  );
}
