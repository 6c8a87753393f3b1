import { useCallback, useEffect, useId, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { StoreRegisterView } from '../../shared/contract/store-link';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { ageText } from '../state/sync-store';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorBanner } from './ErrorBanner';
import { PinInput } from './PinInput';

type PairingCode = CommandOutput<'store-pairing-code-create'>;

// The list's "last seen" moves with every register's lease: read again while the panel is open, not on every lease —
// but soon while a code is shown, so the register that pairs with it appears while the admin is still there.
const REFRESH_MS = 10_000;
const REFRESH_WHILE_CODE_MS = 2_000;
// Heard from this recently, a register is at work now: retiring it cuts a sale there off from the store's limits.
const CONNECTED_MS = 15_000;

const when = (iso: string) => new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const lastSeen = (r: StoreRegisterView) => (r.lastSeenAt === null ? 'Not connected' : `${ageText(r.lastSeenAt)} ago`);

/**
 * The store's registers (issue #20's pairing screen), for an admin at a
 * register paired with the store server: a one-time code for another
 * register to pair with, and the registers the store server knows, any
 * other than this one retired after a confirmation. The core checks the
 * permission and asks the store server; this panel only shows.
 */
export function StoreRegistersPanel({ serverAddress }: { readonly serverAddress: string | null }) {
  const headingId = useId();
  const [registers, setRegisters] = useState<readonly StoreRegisterView[] | null>(null);
  const [listError, setListError] = useState<AppErrorValue | null>(null);
  const [code, setCode] = useState<PairingCode | null>(null);
  const [expired, setExpired] = useState(false);
  const [retiring, setRetiring] = useState<StoreRegisterView | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [busy, setBusy] = useState(false);
  // The admin's PIN again: the store server checks it itself before it makes a code or retires a register.
  const [pin, setPin] = useState('');
  const pinReady = /^\d{4,8}$/.test(pin);

  const refresh = useCallback(async () => {
    const result = await send('store-registers-list', {});
    if (result.ok) setRegisters(result.value.registers);
    setListError(result.ok ? null : result.error);
  }, []);
  const codeShown = code !== null;
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), codeShown ? REFRESH_WHILE_CODE_MS : REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh, codeShown]);

  // A code past its expiry pairs nothing: take it off the screen rather than let someone copy it down.
  useEffect(() => {
    if (code === null) return;
    const timer = setTimeout(
      () => {
        setCode(null);
        setExpired(true);
      },
      Math.max(0, Date.parse(code.expiresAt) - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [code]);

  const makeCode = async () => {
    setBusy(true);
    const result = await send('store-pairing-code-create', { pin });
    setBusy(false);
    setPin('');
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setCode(result.value);
      setExpired(false);
    }
  };
  const retire = async (register: StoreRegisterView) => {
    setRetiring(null);
    setBusy(true);
    const result = await send('store-register-retire', { terminalId: register.id, pin });
    setBusy(false);
    setPin('');
    setError(result.ok ? null : result.error);
    await refresh();
  };

  return (
    <section className="store-registers" aria-labelledby={headingId}>
      <h4 id={headingId}>The store’s registers</h4>
      <label className="store-admin-pin">
        <span>Your PIN, to confirm (the store server checks it)</span>
        <PinInput value={pin} onPin={setPin} data-testid="store-admin-pin" />
      </label>
      <div className="pairing-code-maker">
        <button type="button" onClick={() => void makeCode()} disabled={busy || !pinReady}>
          Make a pairing code for another register
        </button>
        {code === null ? null : (
          <div className="pairing-code-card" data-testid="pairing-code-card">
            <p className="pairing-code" data-testid="pairing-code">
              {code.code}
            </p>
            <p>
              Valid once, until <strong>{new Date(code.expiresAt).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' })}</strong>. On the other
              register, an admin enters it on the Sync screen (F5) under Store server, with this server’s address
              {serverAddress === null ? '' : ` (${serverAddress})`} and that register’s name.
            </p>
          </div>
        )}
        {expired ? <p className="muted">That code has expired: make a new one for the next register.</p> : null}
      </div>
      {listError === null ? null : (
        <p className="muted" data-testid="store-registers-note">
          The registers cannot be listed now: {listError.message}
        </p>
      )}
      {registers === null ? null : (
        <table className="sync-lanes store-registers-table">
          <thead>
            <tr>
              <th>Register</th>
              <th>Paired</th>
              <th>Last seen</th>
              <th>Status</th>
              <th>
                <span className="visually-hidden">Retire</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {registers.map((r) => (
              <tr key={r.id} data-testid="store-register">
                <td>
                  {r.name}
                  {r.thisRegister ? <span className="muted"> (this register)</span> : null}
                </td>
                <td>{when(r.pairedAt)}</td>
                <td>{r.retiredAt === null ? lastSeen(r) : '—'}</td>
                <td>
                  {r.retiredAt === null ? 'Active' : `Retired ${when(r.retiredAt)}`}
                  {r.designated ? ' · designated register' : ''}
                </td>
                <td>
                  {r.thisRegister || r.retiredAt !== null ? null : (
                    <button type="button" onClick={() => setRetiring(r)} disabled={busy || !pinReady} aria-label={`Retire ${r.name}…`}>
                      Retire…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBanner error={error} />
      {retiring === null ? null : (
        <ConfirmDialog
          title={`Retire ${retiring.name}?`}
          figures={[
            { label: 'Register', value: retiring.name },
            { label: 'Paired', value: when(retiring.pairedAt) },
            { label: 'Last seen', value: lastSeen(retiring) },
          ]}
          warning={
            retiring.lastSeenAt !== null && Date.now() - Date.parse(retiring.lastSeenAt) < CONNECTED_MS
              ? 'It is connected now: a sale in progress there is cut off from the store’s limits at once.'
              : undefined
          }
          note="Its credential stops working at once: it no longer reaches the store server or reads the store, and it must be paired again with a new code to rejoin. Whatever it has not yet handed to the store server stays on it. Recorded in this register’s audit log."
          confirmLabel={`Retire ${retiring.name}`}
          onCancel={() => setRetiring(null)}
          onConfirm={() => void retire(retiring)}
        />
      )}
    </section>
  );
}
