import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Keypad, PIN_KEYS, pinAfter } from '../components/Keypad';
import { useSession } from '../state/session-store';
import { PinInput } from '../components/PinInput';

const roleLabels: Readonly<Record<string, string>> = {
  budtender: 'Budtender',
  lead: 'Lead',
  manager: 'Manager',
  compliance_officer: 'Compliance officer',
  admin: 'Admin',
};

/** Pick yourself, type your PIN, Enter. Also the lock screen: the locked person is preselected. */
export function SignInScreen() {
  const { session, staff, error, busy, signIn } = useSession();
  const lockedStaffId = session?.locked === true ? (session.staff?.staffId ?? null) : null;
  const [chosen, setChosen] = useState<string | null>(lockedStaffId);
  const [pin, setPin] = useState('');
  const pinInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (chosen !== null) pinInput.current?.focus();
  }, [chosen]);

  const tap = (key: string) => {
    if (chosen === null || busy) return;
    setPin((p) => pinAfter(p, key));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null || pin === '') return;
    const ok = await signIn(chosen, pin);
    setPin('');
    if (!ok) pinInput.current?.focus();
  };

  return (
    <section className="sign-in" aria-label="Sign in">
      <h1>{lockedStaffId === null ? 'Who is at the counter?' : 'Locked — enter your PIN to carry on'}</h1>
      <div className="staff-tiles" role="radiogroup" aria-label="Staff">
        {staff.map((member) => (
          <button
            key={member.staffId}
            type="button"
            role="radio"
            aria-checked={chosen === member.staffId}
            className={`staff-tile${chosen === member.staffId ? ' chosen' : ''}`}
            onClick={() => setChosen(member.staffId)}
          >
            <span className="staff-name">{member.displayName}</span>
            <span className="staff-role">{roleLabels[member.role] ?? member.role}</span>
          </button>
        ))}
      </div>
      <form className="pin-form" onSubmit={(event) => void submit(event)}>
        <label>
          PIN
          <PinInput ref={pinInput} value={pin} onPin={setPin} disabled={chosen === null || busy} aria-describedby="sign-in-error" />
        </label>
        <button type="submit" className="primary" disabled={chosen === null || pin.length < 4 || busy}>
          Sign in
        </button>
      </form>
      {chosen === null ? null : <Keypad name="PIN pad" keys={PIN_KEYS} onKey={tap} />}
      <p id="sign-in-error" className="field-error" role="alert">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
    </section>
  );
}
