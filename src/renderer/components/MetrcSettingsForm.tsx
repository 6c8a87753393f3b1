import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { ConnectionSettings } from './ConnectionSettings';

type Settings = CommandOutput<'metrc-settings-get'>;

/** What each field wants, in the words on the form: the core's check names the field, this says how to fix it. */
const FIELD_HELP: Readonly<Record<string, string>> = {
  baseUrl: 'Metrc address: enter the full address your state’s Metrc API uses, starting with https:// (for example https://api-ca.metrc.com).',
  licenseNumber: 'Licence number: enter the facility licence exactly as Metrc shows it.',
  vendorKey: 'Vendor API key: paste the key your software vendor was issued (8 characters or more).',
  userKey: 'User API key: paste the key from this facility’s Metrc user profile (8 characters or more).',
};

/** A refused field named as the form names it; other errors as the core worded them. */
function explained(error: AppErrorValue): AppErrorValue {
  if (error.code !== 'INVALID_INPUT') return error;
  const issues = (error.details?.['issues'] ?? []) as readonly { readonly path?: string }[];
  const help = FIELD_HELP[issues[0]?.path ?? ''];
  return help === undefined ? error : { ...error, message: help };
}

/**
 * How this store reaches Metrc: address, API version, licence and the two
 * API keys. The keys are write-only: the core stores them encrypted and
 * never sends them back, so they are typed again whenever anything here
 * changes. Who may see this is the core's rule (admin); anyone else is told so.
 */
export function MetrcSettingsForm() {
  const [current, setCurrent] = useState<Settings | null>(null);
  const [refusal, setRefusal] = useState<AppErrorValue | null>(null);
  const [baseUrl, setBaseUrl] = useState('');
  const [apiVersion, setApiVersion] = useState<'v1' | 'v2'>('v2');
  const [licenseNumber, setLicenseNumber] = useState('');
  const [vendorKey, setVendorKey] = useState('');
  const [userKey, setUserKey] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void send('metrc-settings-get', {}).then((result) => {
      if (!result.ok) return setRefusal(result.error);
      setCurrent(result.value);
      setBaseUrl(result.value.baseUrl ?? '');
      setApiVersion(result.value.apiVersion ?? 'v2');
      setLicenseNumber(result.value.licenseNumber ?? '');
      setEnabled(result.value.configured ? result.value.enabled : true);
    });
  }, []);

  if (refusal === null && current === null) return null;

  const submit = async () => {
    setSaved(false);
    const result = await send('metrc-settings-set', { baseUrl: baseUrl.trim(), apiVersion, licenseNumber, vendorKey, userKey, enabled });
    if (!result.ok) return setError(explained(result.error));
    setError(null);
    setSaved(true);
    setVendorKey('');
    setUserKey('');
    setCurrent({ configured: true, baseUrl: baseUrl.trim(), apiVersion, licenseNumber: licenseNumber.trim(), enabled });
  };

  return (
    <ConnectionSettings
      title="Metrc connection"
      refusal={refusal}
      adminOnly="Only an admin can see or change how this store reaches Metrc."
      state={
        <p className="muted" data-testid="metrc-settings-state">
          {current?.configured === true
            ? `Set up for licence ${current.licenseNumber ?? ''} at ${current.baseUrl ?? ''} (${current.apiVersion ?? ''}), ${current.enabled ? 'sending' : 'paused'}.`
            : 'Not set up: sales wait in the queue until it is.'}
        </p>
      }
      enabled={enabled}
      onEnabledChange={setEnabled}
      enabledText="Send to Metrc (untick to pause delivery; sales keep queueing)"
      canSave={vendorKey !== '' && userKey !== ''}
      onSubmit={submit}
      error={error}
      savedText={saved ? 'Saved. Delivery restarted with these settings; the keys are stored encrypted and not shown again.' : null}
    >
      <label>
        <span>Metrc address</span>
        <input
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder="https://api-ca.metrc.com"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        <span>API version</span>
        <select value={apiVersion} onChange={(e) => setApiVersion(e.target.value === 'v1' ? 'v1' : 'v2')}>
          <option value="v2">v2</option>
          <option value="v1">v1</option>
        </select>
      </label>
      <label>
        <span>Licence number</span>
        <input value={licenseNumber} onChange={(e) => setLicenseNumber(e.target.value)} placeholder="C10-0000001-LIC" autoComplete="off" spellCheck={false} />
      </label>
      <label>
        <span>Vendor API key</span>
        <input
          type="password"
          value={vendorKey}
          onChange={(e) => setVendorKey(e.target.value)}
          autoComplete="off"
          placeholder={current?.configured === true ? 'stored; type it again to change anything' : ''}
        />
      </label>
      <label>
        <span>User API key</span>
        <input
          type="password"
          value={userKey}
          onChange={(e) => setUserKey(e.target.value)}
          autoComplete="off"
          placeholder={current?.configured === true ? 'stored; type it again to change anything' : ''}
        />
      </label>
    </ConnectionSettings>
  );
}
