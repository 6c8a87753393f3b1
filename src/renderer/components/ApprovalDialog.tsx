import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Keypad, PIN_KEYS, pinAfter } from './Keypad';
import { useDialogEscape } from './useDialogEscape';
import { useSession } from '../state/session-store';
import { PinInput } from './PinInput';

export interface Approval {
  readonly staffId: string;
  readonly pin: string;
}

/**
 * A manager authorises one action on this session with their PIN. The PIN
 * goes to the core's `approval-grant` (see `sendApproved`), which checks it
 * and answers a single-use grant for that one command; the PIN itself never
 * travels with the command.
 */
export function ApprovalDialog({
  reason,
  onApprove,
  onCancel,
}: {
  readonly reason: string;
  readonly onApprove: (approval: Approval) => void;
  readonly onCancel: () => void;
}) {
  const { staff, session } = useSession();
  // Managers first: the admin is usually the owner, not on the floor.
  const approvers = staff
    .filter((s) => (s.role === 'manager' || s.role === 'admin') && s.staffId !== session?.staff?.staffId)
    .sort((a, b) => (a.role === b.role ? a.displayName.localeCompare(b.displayName) : a.role === 'manager' ? -1 : 1));
  const [staffId, setStaffId] = useState(approvers[0]?.staffId ?? '');
  const [pin, setPin] = useState('');
  const pinInput = useRef<HTMLInputElement>(null);
  useEffect(() => pinInput.current?.focus(), []);
  useDialogEscape(onCancel);
  // The PIN pad, as on the sign-in screen: a touch counter has no keyboard.
  const tap = (key: string) => setPin((p) => pinAfter(p, key));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (staffId !== '' && pin.length >= 4) onApprove({ staffId, pin });
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="approval-title" onSubmit={submit}>
        <h2 id="approval-title">Manager approval</h2>
        <p>{reason}</p>
        <label>
          Manager
          <select value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            {approvers.map((a) => (
              <option key={a.staffId} value={a.staffId}>
                {a.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Manager PIN
          <PinInput ref={pinInput} value={pin} onPin={setPin} />
        </label>
        <Keypad name="Approval PIN pad" keys={PIN_KEYS} onKey={tap} />
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={pin.length < 4 || staffId === ''}>
            Approve
          </button>
        </div>
      </form>
    </div>
  );
}
