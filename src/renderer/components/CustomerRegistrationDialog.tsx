import { useState, type FormEvent } from 'react';
import type { CustomerSummary } from '../../shared/contract/customers';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { useDialogEscape } from './useDialogEscape';

type Kind = 'adult' | 'medical';

/**
 * Registers a new customer through `customer-create` (issue #17, item 15):
 * the minimum the limits need — name, birth date, and for a medical patient
 * their state registration card and its expiry. Saved, the customer goes
 * straight on to check-in (their ID is still checked there, every visit).
 */
export function CustomerRegistrationDialog({
  initialName,
  onSaved,
  onCancel,
}: {
  /** What was typed in the customer search: "First Last". */
  readonly initialName: string;
  readonly onSaved: (customer: CustomerSummary) => void;
  readonly onCancel: () => void;
}) {
  const [first, ...rest] = initialName.trim().split(/\s+/);
  const [kind, setKind] = useState<Kind>('adult');
  const [firstName, setFirstName] = useState(first ?? '');
  const [lastName, setLastName] = useState(rest.join(' '));
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [resident, setResident] = useState(true);
  const [medicalRegistration, setMedicalRegistration] = useState('');
  const [medicalExpiry, setMedicalExpiry] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [saving, setSaving] = useState(false);
  useDialogEscape(onCancel);

  const complete =
    firstName.trim() !== '' &&
    lastName.trim() !== '' &&
    dateOfBirth !== '' &&
    (kind === 'adult' || (medicalRegistration.trim() !== '' && medicalExpiry !== ''));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete || saving) return;
    setSaving(true);
    const names = { firstName: firstName.trim(), lastName: lastName.trim() };
    const result = await send('customer-create', {
      customerType: kind,
      ...names,
      dateOfBirth,
      resident,
      ...(kind === 'medical' ? { medicalRegistration: medicalRegistration.trim(), medicalExpiry } : {}),
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved({ customerId: result.value.customerId, customerType: kind, ...names, dateOfBirth, medicalExpiry: kind === 'medical' ? medicalExpiry : null });
  };

  return (
    <div className="dialog-backdrop">
      <form className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="register-customer-title" onSubmit={(e) => void submit(e)}>
        <h2 id="register-customer-title">New customer</h2>
        <div className="dialog-body">
          <label>
            First name
            <input value={firstName} maxLength={60} autoComplete="off" onChange={(e) => setFirstName(e.target.value)} autoFocus />
          </label>
          <label>
            Last name
            <input value={lastName} maxLength={60} autoComplete="off" onChange={(e) => setLastName(e.target.value)} />
          </label>
          <label>
            Birth date
            <input type="date" value={dateOfBirth} onChange={(e) => setDateOfBirth(e.target.value)} />
          </label>
          <label>
            Customer type
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="adult">Adult-use (21+)</option>
              <option value="medical">Medical patient</option>
            </select>
          </label>
          <label className="inline-label">
            <input type="checkbox" checked={resident} onChange={(e) => setResident(e.target.checked)} />
            Lives in this state
          </label>
          {kind === 'medical' ? (
            <>
              <label>
                Medical card number
                <input value={medicalRegistration} maxLength={40} autoComplete="off" onChange={(e) => setMedicalRegistration(e.target.value)} />
              </label>
              <label>
                Medical card expiry
                <input type="date" value={medicalExpiry} onChange={(e) => setMedicalExpiry(e.target.value)} />
              </label>
            </>
          ) : null}
          <p className="muted span-all">Only what the purchase limits need is kept. Their ID is checked at check-in, every visit.</p>
        </div>
        <p className="field-error" role="alert" data-testid="register-customer-error">
          {error === null ? '' : `⚠ ${error.message}`}
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!complete || saving}>
            Save and check ID
          </button>
        </div>
      </form>
    </div>
  );
}
