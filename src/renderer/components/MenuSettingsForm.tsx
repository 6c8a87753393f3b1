import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { ConnectionSettings } from './ConnectionSettings';

type Settings = CommandOutput<'menu-settings-get'>;
type Field = 'endpointUrl' | 'secret';

/** The core's refusal of a field, in the contract's words (written for this form), kept for the field; anything else for the banner. */
function fieldErrors(error: AppErrorValue): { fields: Partial<Record<Field, string>>; other: AppErrorValue | null } {
  if (error.code !== 'INVALID_INPUT') return { fields: {}, other: error };
  const fields: Partial<Record<Field, string>> = {};
  for (const issue of (error.details?.['issues'] ?? []) as readonly { readonly path?: string; readonly message?: string }[]) {
    if ((issue.path === 'endpointUrl' || issue.path === 'secret') && issue.message !== undefined) fields[issue.path] ??= issue.message;
  }
  return Object.keys(fields).length === 0 ? { fields, other: error } : { fields, other: null };
}

function FieldError({ testId, label, message }: { readonly testId: string; readonly label: string; readonly message: string | undefined }) {
  if (message === undefined) return null;
  return (
    <p className="field-error" role="alert" data-testid={testId}>
      ⚠ {label}: {message}
    </p>
  );
}

/**
 * Where this store's online menu receives stock changes (the signed
 * webhook): its address and the signing secret the menu platform shares
 * with the register. The secret is write-only, as the Metrc keys are: typed
 * again whenever anything here changes. Admin only (the core's rule).
 */
export function MenuSettingsForm() {
  const [current, setCurrent] = useState<Settings | null>(null);
  const [refusal, setRefusal] = useState<AppErrorValue | null>(null);
  const [endpointUrl, setEndpointUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [fields, setFields] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void send('menu-settings-get', {}).then((result) => {
      if (!result.ok) return setRefusal(result.error);
      setCurrent(result.value);
      setEndpointUrl(result.value.endpointUrl ?? '');
      setEnabled(result.value.configured ? result.value.enabled : true);
    });
  }, []);

  if (refusal === null && current === null) return null;

  const submit = async () => {
    setSaved(false);
    const result = await send('menu-settings-set', { endpointUrl: endpointUrl.trim(), secret, enabled });
    if (!result.ok) {
      const refused = fieldErrors(result.error);
      setFields(refused.fields);
      return setError(refused.other);
    }
    setFields({});
    setError(null);
    setSaved(true);
    setSecret('');
    setCurrent({ configured: true, endpointUrl: endpointUrl.trim(), enabled, updatedAt: new Date().toISOString() });
  };

  return (
    <ConnectionSettings
      title="Online menu connection"
      refusal={refusal}
      adminOnly="Only an admin can see or change where this store’s online menu receives stock changes."
      state={
        <p className="muted" data-testid="menu-settings-state">
          {current?.configured === true
            ? `Set up: stock changes go to ${current.endpointUrl ?? ''}, ${current.enabled ? 'sending' : 'paused'}.`
            : 'Not set up: stock changes for the online menu wait in the queue until it is.'}
        </p>
      }
      enabled={enabled}
      onEnabledChange={setEnabled}
      enabledText="Send to the online menu (untick to pause delivery; stock changes keep queueing)"
      canSave={secret !== ''}
      onSubmit={submit}
      error={error}
      savedText={saved ? 'Saved. Delivery restarted with these settings; the secret is stored encrypted and not shown again.' : null}
    >
      <label>
        <span>Menu webhook address</span>
        <input
          value={endpointUrl}
          onChange={(e) => setEndpointUrl(e.target.value)}
          placeholder="https://menu.example.com/greentill/webhook"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={fields.endpointUrl !== undefined}
        />
      </label>
      <FieldError testId="menu-endpoint-error" label="Menu webhook address" message={fields.endpointUrl} />
      <label>
        <span>Signing secret</span>
        <input
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          autoComplete="off"
          placeholder={current?.configured === true ? 'stored; type it again to change anything' : ''}
          aria-invalid={fields.secret !== undefined}
        />
      </label>
      <FieldError testId="menu-secret-error" label="Signing secret" message={fields.secret} />
    </ConnectionSettings>
  );
}
