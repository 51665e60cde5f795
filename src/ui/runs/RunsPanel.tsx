import { useMemo } from 'react';
import { runLabels } from './runLabels';
import { importRunFile } from '../../state/runs/runCommands';
import { useAppState } from '../../state/store';
import { useMlClient } from '../mlClientContext';
import { CompareView } from './CompareView';
import { RunItem } from './RunItem';
import { RunView } from './RunView';

/** Every training kept, as TensorBoard keeps its run directories: compare, open, export, import. */
export function RunsPanel() {
  const client = useMlClient();
  const runs = useAppState((state) => state.runs);
  // Each run named by what sets it apart from the others kept (the time stamp is its tooltip).
  const labels = useMemo(() => runLabels(runs.list), [runs.list]);
  const compared = runs.compared.flatMap((id) => runs.list.filter((run) => run.id === id));
  const opened = runs.list.find((run) => run.id === runs.opened);

  return (
    <section className="panel" aria-labelledby="runs-heading">
      <h2 id="runs-heading">Runs</h2>
      <p className="muted">
        Each training is kept here, like the notebook’s TensorBoard runs (<code>logs/fit/YYYYMMDD-HHMMSS</code>): Train after a Reset or a
        change of settings starts one, Train after Stop goes on with it. Tick Compare on two or more to see them side by side.
      </p>
      <div className="controls">
        <label className="upload">
          Import a run (JSON)
          <input
            type="file"
            accept=".json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importRunFile(file, client.tab);
            }}
          />
        </label>
      </div>
      {runs.error && (
        <p role="alert" className="alert">
          {runs.error}
        </p>
      )}
      {runs.notice && (
        <p role="status" className="notice news">
          {runs.notice}
        </p>
      )}
      <ol className="runs" data-testid="runs" aria-label="Kept runs">
        {runs.list.length === 0 && <li className="muted">No runs yet. Click Train to start one.</li>}
        {runs.list.map((run, i) => (
          <RunItem key={run.id} run={run} label={labels[i] ?? run.name} />
        ))}
      </ol>
      {compared.length >= 2 && <CompareView runs={compared} />}
      {compared.length === 1 && <p className="muted">Tick Compare on one more run to compare.</p>}
      {opened && <RunView run={opened} />}
    </section>
  );
}
