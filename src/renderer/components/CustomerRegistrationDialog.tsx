import { useRef, useState, type FormEvent } from 'react';
import type { CustomerSummary } from '../../shared/contract/customers';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { useDialogEscape } from './useDialogEscape';

type Kind = 'adult' | 'medical' | 'caregiver';

/**
 * Registers a new customer through `customer-create` (issue #17, item 15):
 * the minimum the limits need — name, birth date, and for a medical patient
 * their state registration card and its expiry; for a caregiver their own
 * caregiver card and the registered patient they buy for (found by name:
 * only medical patients are offered). Saved, the customer goes straight on
 * to check-in (their ID is still checked there, every visit; a caregiver's
 * card and their patient's are both checked there too).
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
  const [patient, setPatient] = useState<CustomerSummary | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [saving, setSaving] = useState(false);
  useDialogEscape(onCancel);

  const complete =
    firstName.trim() !== '' &&
    lastName.trim() !== '' &&
    dateOfBirth !== '' &&
    (kind === 'adult' || (medicalRegistration.trim() !== '' && medicalExpiry !== '')) &&
    (kind !== 'caregiver' || patient !== null);

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
      ...(kind === 'adult' ? {} : { medicalRegistration: medicalRegistration.trim(), medicalExpiry }),
      ...(kind === 'caregiver' && patient !== null ? { caregiverFor: patient.customerId } : {}),
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onSaved({ customerId: result.value.customerId, customerType: kind, ...names, dateOfBirth, medicalExpiry: kind === 'adult' ? null : medicalExpiry });
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
              <option value="caregiver">Caregiver (buys for a patient)</option>
            </select>
          </label>
          <label className="inline-label">
            <input type="checkbox" checked={resident} onChange={(e) => setResident(e.target.checked)} />
            Lives in this state
          </label>
          {kind === 'adult' ? null : (
            <>
              <label>
                {kind === 'caregiver' ? 'Caregiver card number' : 'Medical card number'}
                <input value={medicalRegistration} maxLength={40} autoComplete="off" onChange={(e) => setMedicalRegistration(e.target.value)} />
              </label>
              <label>
                {kind === 'caregiver' ? 'Caregiver card expiry' : 'Medical card expiry'}
                <input type="date" value={medicalExpiry} onChange={(e) => setMedicalExpiry(e.target.value)} />
              </label>
            </>
          )}
          {kind === 'caregiver' ? <PatientPicker patient={patient} onPick={setPatient} /> : null}
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

/** The registered medical patient a caregiver buys for, found by name (adult-use customers and other caregivers are not offered). */
function PatientPicker({ patient, onPick }: { readonly patient: CustomerSummary | null; readonly onPick: (patient: CustomerSummary | null) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly CustomerSummary[]>([]);
  const [note, setNote] = useState('');
  // Answers can arrive out of order; only the one for the latest text is shown.
  const latest = useRef('');
  const find = async (query: string) => {
    latest.current = query;
    if (query === '') {
      setFound([]);
      setNote('');
      return;
    }
    const result = await send('customer-search', { text: query });
    if (latest.current !== query) return;
    const patients = result.ok ? result.value.items.filter((c) => c.customerType === 'medical') : [];
    setFound(patients);
    setNote(!result.ok ? result.error.message : patients.length === 0 ? `No registered patient’s name starts with “${query}”.` : '');
  };
  if (patient !== null)
    return (
      <p className="span-all" data-testid="caregiver-patient">
        Buys for: <strong>{`${patient.firstName} ${patient.lastName}`}</strong>
        {patient.medicalExpiry === null ? '' : ` (card to ${patient.medicalExpiry})`}{' '}
        <button type="button" className="link" onClick={() => onPick(null)}>
          change
        </button>
      </p>
    );
  return (
    <div className="span-all patient-picker">
      <label>
        Find their patient
        <input
          value={text}
          maxLength={60}
          autoComplete="off"
          placeholder="The patient’s name (registered first as a medical patient)"
          onChange={(e) => {
            setText(e.target.value);
            void find(e.target.value.trim());
          }}
        />
      </label>
      <p className="muted" aria-live="polite" data-testid="patient-search-note">
        {note}
      </p>
      {found.length === 0 ? null : (
        <ul className="customer-results">
          {found.map((c) => (
            <li key={c.customerId}>
              <button type="button" onClick={() => onPick(c)}>
                {c.firstName} {c.lastName}
                {c.medicalExpiry === null ? '' : ` · card to ${c.medicalExpiry}`}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
