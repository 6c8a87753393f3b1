import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RosterEntry } from '../../shared/contract/staff-roster';
import type { AppErrorValue } from '../../shared/errors';
import { staffRoles, type StaffRole } from '../../shared/permissions';
import { ErrorBanner } from '../components/ErrorBanner';
import { ROLE_LABELS } from '../role-labels';
import { send } from '../transport';
import { PinInput } from '../components/PinInput';

/**
 * The staff roster, for a manager: add a person with their PIN, change a
 * role, set a new PIN, stop someone signing in. In a store with a server
 * each save reaches every register (issue #20). The core refuses what the
 * manager's own role may not grant, and keeps an admin who can sign in.
 */
export function StaffScreen() {
  const [roster, setRoster] = useState<readonly RosterEntry[] | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await send('staff-roster', {});
    if (result.ok) setRoster(result.value.items);
    else setError(result.error);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const saved = (message: string) => {
    setError(null);
    setNotice(message);
    void refresh();
  };

  return (
    <section className="staff-screen" aria-label="Staff">
      <h2>Staff</h2>
      <ErrorBanner error={error} />
      {notice === null ? null : (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <AddStaff onSaved={saved} onError={setError} />
      {roster === null ? (
        <p className="muted">Reading the roster…</p>
      ) : (
        <table className="figures staff-roster">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>May sign in</th>
              <th>New PIN</th>
              <th>
                <span className="visually-hidden">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roster.map((entry) => (
              <StaffRow key={entry.staffId} entry={entry} onSaved={saved} onError={setError} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RoleOptions() {
  return staffRoles.map((r) => (
    <option key={r} value={r}>
      {ROLE_LABELS[r]}
    </option>
  ));
}

interface SaveProps {
  readonly onSaved: (message: string) => void;
  readonly onError: (error: AppErrorValue) => void;
}

function AddStaff({ onSaved, onError }: SaveProps) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('budtender');
  const [pin, setPin] = useState('');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await send('staff-save', { displayName: name.trim(), role, active: true, pin });
    if (!result.ok) return onError(result.error);
    setName('');
    setPin('');
    onSaved(`${result.value.displayName} added as ${ROLE_LABELS[result.value.role].toLowerCase()}: they can sign in with their PIN.`);
  };
  return (
    <form className="inline-form" aria-label="Add a staff member" onSubmit={(e) => void add(e)}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          <RoleOptions />
        </select>
      </label>
      <label>
        PIN
        <PinInput autoComplete="new-password" value={pin} onPin={setPin} required />
      </label>
      <button type="submit" disabled={name.trim() === '' || pin.length < 4}>
        Add staff member
      </button>
    </form>
  );
}

function StaffRow({ entry, onSaved, onError }: SaveProps & { readonly entry: RosterEntry }) {
  const [role, setRole] = useState<StaffRole>(entry.role);
  const [active, setActive] = useState(entry.active);
  const [pin, setPin] = useState('');
  const changed = role !== entry.role || active !== entry.active || pin !== '';
  const save = async () => {
    const result = await send('staff-save', {
      staffId: entry.staffId,
      displayName: entry.displayName,
      role,
      active,
      ...(pin === '' ? {} : { pin }),
    });
    if (!result.ok) return onError(result.error);
    setPin('');
    onSaved(`${entry.displayName} saved.`);
  };
  return (
    <tr data-testid="staff-row">
      <td>
        {entry.displayName}
        {entry.hasPin ? null : <span className="muted"> · no PIN yet</span>}
      </td>
      <td>
        <select aria-label={`Role of ${entry.displayName}`} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          <RoleOptions />
        </select>
      </td>
      <td>
        <input type="checkbox" aria-label={`${entry.displayName} may sign in`} checked={active} onChange={(e) => setActive(e.target.checked)} />
      </td>
      <td>
        <PinInput autoComplete="new-password" aria-label={`New PIN for ${entry.displayName}`} value={pin} onPin={setPin} />
      </td>
      <td>
        <button type="button" disabled={!changed || (pin !== '' && pin.length < 4)} onClick={() => void save()}>
          Save
        </button>
      </td>
    </tr>
  );
}
