import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { StoreLinkState } from '../../shared/contract/store-link';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';
import { isolationText, MODE_TEXT } from './store-link-text';
import { StoreRegistersPanel } from './StoreRegistersPanel';
import { useSession } from '../state/session-store';
import { useHeardOrPolled } from '../useHeardOrPolled';

/** Without the core's pushes (the stream down, or a bridge without them): the fallback poll. */
const POLL_MS = 3_000;

/**
 * The register's store server (issue #20), on the Sync screen: whether it
 * belongs to one and reaches it now, what the store's policy does while
 * it is cut off, and — for an admin — pairing with the one-time code the
 * store server's admin made, or, once paired, making codes for the other
 * registers and retiring them (the core checks the permission).
 */
export function StoreServerPanel() {
  const [state, setState] = useState<StoreLinkState | null>(null);
  // Making codes for other registers and retiring them is an admin's, as pairing is (the core decides; this only hides).
  const manages = useSession((s) => s.session?.permissions.includes('credentials.edit') ?? false);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const result = await send('store-link-get', {});
    if (result.ok) setState(result.value);
  }, []);
  useEffect(() => void refresh(), [refresh]);
  // The core says when the link's standing (issue #19) or the store lane's backlog (a sync change) moved.
  useHeardOrPolled(['store-link-changed', 'sync-changed'], () => void refresh(), POLL_MS);

  if (state === null) return null;

  const pair = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await send('store-link-pair', { address: address.trim(), code: code.trim(), name: name.trim() });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setCode('');
    setState(result.value);
  };
  const unpair = async () => {
    const result = await send('store-link-unpair', {});
    if (!result.ok) return setError(result.error);
    setError(null);
    setState(result.value);
  };

  return (
    <section className="metrc-settings" aria-label="Store server">
      <h3>Store server</h3>
      <p data-testid="store-link-mode">
        <strong>{MODE_TEXT[state.mode]}</strong>
        {state.url === null ? null : <span className="muted"> · {state.url}</span>}
        {state.pending > 0 ? <span className="muted"> · {state.pending} sale(s) waiting to reach it</span> : null}
      </p>
      {state.mode === 'single' ? null : (
        <>
          <p className="muted">
            Certificate {state.fingerprint} · last answer {state.lastContactAt === null ? 'never' : new Date(state.lastContactAt).toLocaleTimeString()}
          </p>
          <p data-testid="store-isolation-policy">While cut off from it: {isolationText(state)}</p>
          <button type="button" onClick={() => void unpair()}>
            Unpair this register
          </button>
          {manages ? <StoreRegistersPanel serverAddress={state.url} /> : null}
        </>
      )}
      {state.mode !== 'single' ? null : (
        <form className="settings-form" onSubmit={(e) => void pair(e)}>
          <label>
            <span>Store server address</span>
            <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder="e.g. 192.168.1.10:8443" autoComplete="off" />
          </label>
          <label>
            <span>Pairing code</span>
            <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="XXXXX-XXXXX" autoComplete="off" spellCheck={false} />
          </label>
          <label>
            <span>This register’s name</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Counter 2" autoComplete="off" />
          </label>
          <button type="submit" className="primary" disabled={busy || address.trim() === '' || code.trim() === '' || name.trim() === ''}>
            Pair with the store server
          </button>
        </form>
      )}
      <ErrorBanner error={error} />
    </section>
  );
}

/** At the counter: a line that says so while this register is cut off from its store server, and what it may still sell. */
export function StoreLinkNotice() {
  const [state, setState] = useState<StoreLinkState | null>(null);
  const live = useRef(true);
  const look = useCallback(
    () =>
      void send('store-link-get', {}).then((result) => {
        if (live.current && result.ok) setState(result.value);
      }),
    [],
  );
  useEffect(() => {
    live.current = true;
    look();
    return () => {
      live.current = false;
    };
  }, [look]);
  useHeardOrPolled(['store-link-changed'], look, POLL_MS);
  if (state === null || state.mode !== 'isolated') return null;
  return (
    <p className="notice store-isolated" role="status" data-testid="store-isolated">
      ⚠ Cut off from the store server: {isolationText(state)}
    </p>
  );
}
