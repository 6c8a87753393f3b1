import type { FormEvent, ReactNode } from 'react';
import type { AppErrorValue } from '../../shared/errors';
import { ErrorBanner } from './ErrorBanner';

interface ConnectionSettingsProps {
  /** The section's name, e.g. "Metrc connection" (also its accessible name). */
  readonly title: string;
  /** Why the core would not show the settings: an admin-only rule in words, or the core's own message. */
  readonly refusal: AppErrorValue | null;
  readonly adminOnly: string;
  /** One line saying what is set up now. */
  readonly state: ReactNode;
  readonly enabled: boolean;
  readonly onEnabledChange: (enabled: boolean) => void;
  readonly enabledText: string;
  /** False until the write-only secrets are typed. */
  readonly canSave: boolean;
  readonly onSubmit: () => Promise<void>;
  readonly error: AppErrorValue | null;
  /** Shown once saved. */
  readonly savedText: string | null;
  /** The connection's own fields. */
  readonly children: ReactNode;
}

/**
 * The frame both destination forms share (Metrc, online menu): who may see
 * it, the current state, the fields, a pause switch, "Save and reconnect",
 * and what happened — so the two look and behave alike.
 */
export function ConnectionSettings(props: ConnectionSettingsProps) {
  if (props.refusal !== null) {
    return (
      <section className="metrc-settings" aria-label={props.title}>
        <h3>{props.title}</h3>
        <p className="muted">{props.refusal.code === 'FORBIDDEN' ? props.adminOnly : props.refusal.message}</p>
      </section>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit();
  };
  return (
    <section className="metrc-settings" aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.state}
      <form className="settings-form" onSubmit={submit}>
        {props.children}
        <label className="checkbox">
          <input type="checkbox" checked={props.enabled} onChange={(e) => props.onEnabledChange(e.target.checked)} />
          <span>{props.enabledText}</span>
        </label>
        <button type="submit" className="primary" disabled={!props.canSave}>
          Save and reconnect
        </button>
      </form>
      <ErrorBanner error={props.error} />
      {props.savedText === null ? null : (
        <p className="notice" role="status">
          {props.savedText}
        </p>
      )}
    </section>
  );
}
