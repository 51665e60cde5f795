import { BACKENDS, backendTitle } from '../../ml/engines/backend';
import type { OptimizerName } from '../../ml/training/optimizers';
import { SCHEDULES } from '../../ml/training/schedule';
import type { ValidationSource } from '../../ml/data/validation';
import { PRESET_BUTTONS, PRESET_NAMES, PRESET_NOTES, PRESET_TITLES, presetOf } from '../../state/presets';
import { ENGINE_AUTO } from '../../state/settings';
import { applyPreset } from '../../state/settingsActions';
import { useAppState } from '../../state/store';
import { ChoiceField, NumberField } from './fields';
import { MyDigitsFields } from './MyDigitsFields';

const OPTIMIZER_TITLES: Record<OptimizerName, string> = {
  adam: 'Adam (the notebook’s)',
  sgd: 'SGD',
  rmsprop: 'RMSprop',
};

const SCHEDULE_TITLES: Record<(typeof SCHEDULES)[number], string> = {
  constant: 'Constant (the notebook’s)',
  'one-cycle': 'One-cycle',
  step: 'Step decay',
};

const SCHEDULE_HINTS: Record<(typeof SCHEDULES)[number], string> = {
  constant: 'The learning rate stays the same for the whole run.',
  'one-cycle': 'Rises from 1/25 of the learning rate to the learning rate over the first 30 % of the run, then falls to almost nothing.',
  step: 'The learning rate is multiplied by the decay after each epoch.',
};

const VALIDATION_TITLES: Record<ValidationSource, string> = {
  test: 'The test set (the notebook’s)',
  split: 'A share of the training set',
};

const VALIDATION_HINTS: Record<ValidationSource, string> = {
  test: 'Each epoch is scored on the test images, so runs compared by it are tuned on the test set.',
  split: 'Each epoch is scored on training images held out of training; the test set is touched only by Evaluate.',
};

const ENGINE_TITLES: Record<string, string> = {
  [ENGINE_AUTO]: 'Fastest available',
  ...Object.fromEntries(BACKENDS.map((backend) => [backend, backendTitle(backend)])),
};

/** The run's settings, the notebook's by default; a link carries them, and they are locked while training. */
export function SettingsPanel() {
  const draft = useAppState((state) => state.settings.draft);
  const training = useAppState((state) => state.training.state === 'training');
  // What Train would use: the form's, so a wrong field is not the notebook's recipe (the settings in
  // effect are the form's whenever no field is wrong).
  const valid = useAppState((state) => Object.keys(state.settings.errors).length === 0);
  const train = useAppState((state) => state.config.train);
  const preset = valid ? presetOf(train) : null;
  const schedule = SCHEDULES.find((name) => name === draft.schedule);

  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <fieldset className="settings" disabled={training}>
        <legend className="muted">
          {training ? 'Locked while training.' : 'Changed settings start a new run; the address bar keeps them.'}
        </legend>
        <div className="presets" role="group" aria-label="Recipe">
          <span className="preset-label">Recipe</span>
          {PRESET_NAMES.map((name) => (
            <button key={name} type="button" aria-pressed={preset === name} onClick={() => applyPreset(name)}>
              {PRESET_BUTTONS[name]}
            </button>
          ))}
          <span className="muted" data-testid="recipe">
            {preset ? `In use: the ${PRESET_TITLES[preset].toLowerCase()} recipe` : 'In use: a recipe of your own'}
          </span>
        </div>
        <dl className="preset-notes muted" data-testid="preset-notes">
          {PRESET_NAMES.map((name) => (
            <div key={name}>
              <dt>{PRESET_TITLES[name]}</dt>
              <dd>{PRESET_NOTES[name]}</dd>
            </div>
          ))}
        </dl>
        <NumberField name="epochs" />
        <NumberField name="batchSize" />
        <ChoiceField name="optimizer" titles={OPTIMIZER_TITLES} />
        <NumberField name="learningRate" decimal />
        <ChoiceField name="schedule" titles={SCHEDULE_TITLES} hint={schedule ? SCHEDULE_HINTS[schedule] : undefined} />
        <NumberField name="lrDecay" decimal hint={draft.schedule === 'step' ? undefined : 'Used by step decay only.'} />
        <NumberField name="rotation" decimal />
        <NumberField name="zoom" decimal />
        <NumberField name="shift" decimal />
        <NumberField name="trainSize" />
        <NumberField name="testSize" />
        <ChoiceField
          name="validation"
          titles={VALIDATION_TITLES}
          hint={VALIDATION_HINTS[draft.validation === 'split' ? 'split' : 'test']}
        />
        <NumberField
          name="validationSplit"
          decimal
          hint={
            draft.validation === 'split'
              ? 'The last of the training images in use, as Keras’ validation_split takes them.'
              : 'Used by a held-out share only.'
          }
        />
        <MyDigitsFields />
        <NumberField name="seed" />
        <ChoiceField name="engine" titles={ENGINE_TITLES} />
      </fieldset>
    </section>
  );
}
