import { backendTitle } from '../ml/engines/backend';
import { NOTEBOOK_NET } from '../ml/network/netText';

import { measuredFigures, threadsSummary, type EngineMeasure, type RaceReport } from '../ml/engines/race';
import { useAppState } from '../state/store';
import { useMlClient } from './mlClientContext';

const STATUS_TEXT: Record<EngineMeasure['status'], string> = {
  measured: 'measured',
  'cut-short': 'cut short',
  'not-raced': 'not raced',
  software: 'not raced',
  unavailable: 'unavailable',
  failed: 'failed',
};

function RaceTable({ race, active }: { race: RaceReport; active: string }) {
  return (
    <table className="race">
      <caption>
        Measured on this device {new Date(race.measuredAt).toLocaleString('en-GB')} ({race.seconds.toFixed(1)} s of training steps of{' '}
        {race.network === NOTEBOOK_NET ? 'the notebook’s network' : race.network}, batch 128)
      </caption>
      <tbody>
        {race.measures.map((measure) => (
          <tr key={`${measure.engine}-${measure.threads ?? ''}`} className={measure.engine === active ? 'active' : undefined}>
            <th scope="row">
              {backendTitle(measure.engine)}
              {measure.threads === null ? '' : ` (${measure.threads} thread${measure.threads === 1 ? '' : 's'})`}
            </th>
            <td>{measure.msPerStep === null ? '—' : `${measure.msPerStep.toFixed(1)} ms/step`}</td>
            <td>
              {STATUS_TEXT[measure.status]}
              {measure.status === 'measured' ? '' : `: ${measure.note}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The engine in use, on what device, and how every engine fared in the race on this device. */
export function BackendBadge() {
  const backend = useAppState((state) => state.backend);
  const training = useAppState((state) => state.training.state === 'training');
  const client = useMlClient();
  if (backend.state === 'starting' || backend.state === 'measuring') {
    return (
      <div className="backend" data-testid="backend" data-backend="" role="status">
        {backend.state === 'measuring' ? 'Measuring the engines on this device…' : 'Starting TensorFlow.js…'}
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
  const threads = choice.race ? threadsSummary(choice.race) : null;
  return (
    <div
      className="backend"
      data-testid="backend"
      data-backend={choice.name}
      data-measured={choice.race ? JSON.stringify(measuredFigures(choice.race)) : undefined}
      data-measured-at={choice.race?.measuredAt}
      data-raced-network={choice.race?.network}
      data-threads={choice.threads ?? ''}
    >
      <span className="badge">{backendTitle(choice.name)}</span>
      <span className="muted">
        {choice.software ? 'software: ' : ''}
        {choice.detail}
      </span>
      {choice.name === 'wasm' && threads ? <span className="muted threads">{threads}</span> : null}
      <details>
        <summary>{choice.race ? 'Why this engine?' : 'Why this backend?'}</summary>
        {choice.race ? (
          <RaceTable race={choice.race} active={choice.name} />
        ) : (
          <ul>
            {choice.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        <button type="button" disabled={training} onClick={() => client.measureEngines()}>
          Measure again
        </button>
      </details>
    </div>
  );
}
