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
      {error ? (
        <span id={note} className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && (
          <span id={note} className="field-hint muted">
            {hint}
          </span>
        )
      )}
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
