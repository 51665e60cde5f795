import type { RunRecord } from '../../state/runs/record';
import { RunCharts, runColor } from './RunCharts';
import { runLabels } from './runLabels';
import { downloadLogs } from './downloadLogs';
import { RESULT_ROWS, SETTING_ROWS, compareRows, type CompareRow } from './runRows';

function RowGroup({ title, rows, runs }: { title: string; rows: readonly CompareRow[]; runs: readonly RunRecord[] }) {
  return (
    <tbody>
      <tr>
        <th scope="colgroup" colSpan={runs.length + 1} className="group">
          {title}
        </th>
      </tr>
      {rows.map((row) => (
        <tr key={row.label} data-differs={row.differs}>
          <th scope="row">{row.label}</th>
          {row.values.map((value, i) => (
            <td key={runs[i]?.id ?? i}>{row.differs ? <mark>{value}</mark> : value}</td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

/** Runs side by side: their curves overlaid (one colour each, training dashed), their settings and results in a table. */
export function CompareView({ runs }: { runs: readonly RunRecord[] }) {
  const labels = runLabels(runs);
  return (
    <section
      className="compare"
      data-testid="compare"
      data-runs={JSON.stringify(runs.map((run) => run.id))}
      aria-labelledby="compare-heading"
    >
      <h3 id="compare-heading">Comparing {runs.map((run) => run.name).join(', ')}</h3>
      <div className="controls">
        <button type="button" onClick={() => void downloadLogs(runs)}>
          Download TensorBoard logs of the compared runs
        </button>
        <span className="muted">
          Unzip beside the notebook&apos;s <code>logs/fit</code>, then <code>tensorboard --logdir logs/fit</code>.
        </span>
      </div>
      <RunCharts runs={runs} prefix="compare" />
      <div className="table-scroll">
        <table className="compare-table">
          <caption>Settings and results; values that differ are marked.</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              {runs.map((run, i) => (
                <th key={run.id} scope="col" title={run.id}>
                  <span className="swatch" aria-hidden="true" style={{ background: runColor(i) }} />
                  {run.name}
                  {labels[i] !== run.name && <span className="run-label">{labels[i]}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <RowGroup title="Settings" rows={compareRows(SETTING_ROWS, runs)} runs={runs} />
          <RowGroup title="Results" rows={compareRows(RESULT_ROWS, runs)} runs={runs} />
        </table>
      </div>
    </section>
  );
}
