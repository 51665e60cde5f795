import type { ReactNode } from 'react';
import { BACKENDS, backendTitle } from '../../ml/backend';
import { OPTIMIZERS } from '../../ml/model';
import { ENGINE_AUTO, SETTINGS, type SettingName } from '../../state/settings';
import { notebookRecipe, settingEdited } from '../../state/settingsActions';
import { useAppState } from '../../state/store';

const OPTIMIZER_TITLES: Record<(typeof OPTIMIZERS)[number], string> = {
  adam: 'Adam (the notebook’s)',
  sgd: 'SGD',
  rmsprop: 'RMSprop',
};

const NUMBER_FIELDS = ['epochs', 'batchSize', 'learningRate', 'trainSize', 'testSize', 'seed'] as const satisfies readonly SettingName[];

function Field({ name, children }: { name: SettingName; children: (props: { id: string; describedBy: string | undefined }) => ReactNode }) {
  const error = useAppState((state) => state.settings.errors[name]);
  const id = `setting-${name}`;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{SETTINGS[name].label}</label>
      {children({ id, describedBy: error ? `${id}-error` : undefined })}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** The run's settings, the notebook's by default; a link carries them, and they are locked while training. */
export function SettingsPanel() {
  const draft = useAppState((state) => state.settings.draft);
  const errors = useAppState((state) => state.settings.errors);
  const training = useAppState((state) => state.training.state === 'training');

  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <fieldset className="settings" disabled={training}>
        <legend className="muted">
          {training ? 'Locked while training.' : 'Changed settings start a new run; the address bar keeps them.'}
        </legend>
        {NUMBER_FIELDS.map((name) => (
          <Field key={name} name={name}>
            {({ id, describedBy }) => (
              <input
                id={id}
                type="text"
                inputMode={name === 'learningRate' ? 'decimal' : 'numeric'}
                autoComplete="off"
                spellCheck={false}
                value={draft[name]}
                aria-invalid={errors[name] ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => {
                  settingEdited(name, event.target.value);
                }}
              />
            )}
          </Field>
        ))}
        <Field name="optimizer">
          {({ id, describedBy }) => (
            <select
              id={id}
              value={draft.optimizer}
              aria-describedby={describedBy}
              onChange={(event) => settingEdited('optimizer', event.target.value)}
            >
              {OPTIMIZERS.map((optimizer) => (
                <option key={optimizer} value={optimizer}>
                  {OPTIMIZER_TITLES[optimizer]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="engine">
          {({ id, describedBy }) => (
            <select
              id={id}
              value={draft.engine}
              aria-describedby={describedBy}
              onChange={(event) => settingEdited('engine', event.target.value)}
            >
              <option value={ENGINE_AUTO}>Fastest available</option>
              {BACKENDS.map((backend) => (
                <option key={backend} value={backend}>
                  {backendTitle(backend)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <button type="button" onClick={notebookRecipe}>
            Notebook recipe
          </button>
        </div>
      </fieldset>
    </section>
  );
}
