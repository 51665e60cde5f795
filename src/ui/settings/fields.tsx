import type { ReactNode } from 'react';
import { SETTINGS, type SettingName } from '../../state/settings';
import { settingEdited } from '../../state/settingsActions';
import { useAppState } from '../../state/store';

interface Described {
  readonly id: string;
  readonly describedBy: string | undefined;
}

interface FieldProps {
  name: SettingName;
  hint?: string | undefined;
  /** False where the same problem is already named elsewhere on the page (the network editor's rows). */
  showError?: boolean;
  children: (props: Described) => ReactNode;
}

/** What is wrong with a field (role=alert), else its hint. */
function FieldNote({ id, error, hint }: { id: string | undefined; error: string | undefined; hint: string | undefined }) {
  if (error)
    return (
      <span id={id} className="field-error" role="alert">
        {error}
      </span>
    );
  return hint ? (
    <span id={id} className="field-hint muted">
      {hint}
    </span>
  ) : null;
}

/** A labelled setting, with what is wrong with it (role=alert) or a hint beside it. */
function Field({ name, hint, showError = true, children }: FieldProps) {
  const stored = useAppState((state) => state.settings.errors[name]);
  const error = showError ? stored : undefined;
  const id = `setting-${name}`;
  const note = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{SETTINGS[name].label}</label>
      {children({ id, describedBy: note })}
      <FieldNote id={note} error={error} hint={hint} />
    </div>
  );
}

/** Text as typed: checked on every keystroke, refused values named beside the field. */
export function NumberField({
  name,
  decimal = false,
  hint,
  mode = decimal ? 'decimal' : 'numeric',
  showError = true,
}: {
  name: SettingName;
  decimal?: boolean;
  hint?: string | undefined;
  mode?: 'decimal' | 'numeric' | 'text';
  showError?: boolean;
}) {
  const text = useAppState((state) => state.settings.draft[name]);
  const invalid = useAppState((state) => state.settings.errors[name] !== undefined);
  return (
    <Field name={name} hint={hint} showError={showError}>
      {({ id, describedBy }) => (
        <input
          id={id}
          type="text"
          inputMode={mode}
          autoComplete="off"
          spellCheck={false}
          value={text}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => settingEdited(name, event.target.value)}
        />
      )}
    </Field>
  );
}

/** On or off: the draft holds '1' or '0', as the URL writes it. */
export function CheckboxField({ name, hint }: { name: SettingName; hint?: string | undefined }) {
  const checked = useAppState((state) => state.settings.draft[name] === '1');
  const error = useAppState((state) => state.settings.errors[name]);
  const id = `setting-${name}`;
  const note = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field checkbox-field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={note}
          onChange={(event) => settingEdited(name, event.target.checked ? '1' : '0')}
        />{' '}
        {SETTINGS[name].label}
      </label>
      <FieldNote id={note} error={error} hint={hint} />
    </div>
  );
}

/** One of a fixed set, each with its title. */
export function ChoiceField({
  name,
  titles,
  hint,
}: {
  name: SettingName;
  titles: Readonly<Record<string, string>>;
  hint?: string | undefined;
}) {
  const value = useAppState((state) => state.settings.draft[name]);
  return (
    <Field name={name} hint={hint}>
      {({ id, describedBy }) => (
        <select id={id} value={value} aria-describedby={describedBy} onChange={(event) => settingEdited(name, event.target.value)}>
          {Object.entries(titles).map(([choice, title]) => (
            <option key={choice} value={choice}>
              {title}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
