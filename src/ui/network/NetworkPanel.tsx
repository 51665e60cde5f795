import { useState } from 'react';
import { netText, parseNet, sameNetwork } from '../../ml/network/netText';
import { CLASS_NAMES, LAYER_KINDS, NETWORK_BOUNDS, type LayerConfig, type LayerKind } from '../../ml/network/network';
import { planNetwork } from '../../ml/network/plan';
import { NETWORK_PRESETS } from '../../ml/network/presets';
import { added, moved, removed, rowLayer, rowOf, rowsText, withField, type LayerRow } from '../../state/networkRows';
import { settingEdited } from '../../state/settingsActions';
import { useAppState } from '../../state/store';
import { NumberField } from '../settings/fields';
import { KerasCode } from './KerasCode';
import { LayerRowEditor } from './LayerRowEditor';
import { NetworkSummary } from './NetworkSummary';

/** The rows of a `net` text, or null while the text cannot be read (the Network field says why). */
function rowsOfText(text: string): LayerRow[] | null {
  try {
    return parseNet(text).layers.map(rowOf);
  } catch {
    return null;
  }
}

/**
 * The network, edited as the notebook's `model.add` lines: a row per layer, sized and checked as
 * you type, before anything is built. Every change writes the Network setting, which Train reads.
 */
export function NetworkPanel() {
  const text = useAppState((state) => state.settings.draft.network);
  const training = useAppState((state) => state.training.state === 'training');
  const optimizer = useAppState((state) => state.config.train);
  const inMemory = useAppState((state) => state.model?.network ?? null);
  const [rows, setRows] = useState<LayerRow[]>(() => rowsOfText(text) ?? []);
  const [seen, setSeen] = useState(text);
  const [kind, setKind] = useState<LayerKind>('conv2d');
  // The setting changed elsewhere (the text field, a loaded model, the address): the rows follow it.
  if (text !== seen) {
    setSeen(text);
    const next = text === rowsText(rows) ? null : rowsOfText(text);
    if (next) setRows(next);
  }

  const edit = (next: LayerRow[]): void => {
    setRows(next);
    settingEdited('network', rowsText(next));
  };
  const layers = rows.map(rowLayer);
  const complete = layers.every((layer): layer is LayerConfig => layer !== null);
  const network = complete ? { layers } : null;
  const planned = network ? planNetwork(network) : null;
  const plan = planned?.ok ? planned.plan : null;
  const refusal = planned && !planned.ok ? planned.refusal : null;
  const shapeAfter = (index: number): string | null => {
    const shape = plan?.layers[index]?.outputShape;
    return shape ? `→ ${shape.join('×')}` : null;
  };

  return (
    <section className="panel" aria-labelledby="network-heading">
      <h2 id="network-heading">Network</h2>
      <fieldset className="network-editor" disabled={training}>
        <legend className="muted">
          {training
            ? 'Locked while training.'
            : 'Layers in order, as the notebook’s model.add lines; a changed network trains from fresh weights.'}
        </legend>
        <div className="presets" role="group" aria-label="Networks to compare">
          {NETWORK_PRESETS.map((preset) => (
            <button
              key={preset.name}
              type="button"
              title={preset.note}
              aria-pressed={network ? sameNetwork(network, preset.network) : false}
              onClick={() => edit(preset.network.layers.map(rowOf))}
            >
              {preset.title}
            </button>
          ))}
        </div>
        <ol className="network-layers" aria-label="Layers">
          {rows.map((row, index) => (
            <LayerRowEditor
              key={row.id}
              row={row}
              index={index}
              count={rows.length}
              output={shapeAfter(index)}
              refusal={refusal?.row === index ? `${refusal.message}.` : null}
              onField={(field, value) => edit(withField(rows, row.id, field, value))}
              onMove={(by) => edit(moved(rows, row.id, by))}
              onRemove={() => edit(removed(rows, row.id))}
            />
          ))}
          <li className="network-layer output-layer" aria-label="The output layer: Dense(10, softmax)">
            <span className="layer-title">Dense(10, softmax)</span>
            <span className="muted">the output layer, the same in every network: one probability per digit</span>
            <span className="layer-output muted">{shapeAfter(rows.length) ?? ''}</span>
          </li>
        </ol>
        {refusal && refusal.row === null && (
          <p className="field-error" role="alert">
            {refusal.message}.
          </p>
        )}
        <div className="add-layer">
          <label htmlFor="add-layer-kind">Layer to add</label>
          <select
            id="add-layer-kind"
            value={kind}
            onChange={(event) => setKind(LAYER_KINDS.find((k) => k === event.target.value) ?? 'conv2d')}
          >
            {LAYER_KINDS.map((k) => (
              <option key={k} value={k}>
                {CLASS_NAMES[k]}
              </option>
            ))}
          </select>
          <button type="button" disabled={rows.length >= NETWORK_BOUNDS.layers} onClick={() => edit(added(rows, kind))}>
            Add layer
          </button>
        </div>
        <NumberField
          name="network"
          mode="text"
          hint="The same network as one line, as the address writes it (net=…)."
          showError={complete && refusal === null}
        />
      </fieldset>
      {inMemory && network && !sameNetwork(inMemory, network) && (
        <p className="muted" data-testid="network-pending">
          The model in memory is another network ({netText(inMemory)}): Train builds this one with fresh weights and starts a new run.
        </p>
      )}
      <NetworkSummary network={network} plan={plan} />
      {network && <KerasCode network={network} optimizer={optimizer} />}
    </section>
  );
}
