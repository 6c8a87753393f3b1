import { useEffect, useState, type FormEvent } from 'react';
import type { CheckInResult } from '../../shared/contract/check-in';
import type { AppErrorValue } from '../../shared/errors';
import { formatMilligrams } from '../../shared/money';
import { looksLikeAamva } from '../../shared/id/aamva';
import { useRegister } from '../state/register-store';
import { send } from '../transport';
import { useDialogEscape } from './useDialogEscape';
import { periodText } from './LimitMeter';

const fields = [
  ['idNumber', 'ID number'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['dateOfBirth', 'Date of birth'],
  ['expiry', 'ID expiry'],
  ['issuer', 'Issued by (state)'],
] as const;
type Field = (typeof fields)[number][0];

/** A saved customer picked by name: they show their ID too, every visit. */
export interface PickedCustomer {
  readonly customerId: string;
  readonly name: string;
  readonly customerType: 'adult' | 'medical' | 'caregiver';
}

/**
 * Check in from an ID. A scanned licence goes to the core as it was read:
 * the core parses it, decides, and keeps what the law lets it keep; this
 * screen shows only the answer. A typed ID sends the fields from the card,
 * with the state that issued it (the limits' person and residency depend on it).
 */
export function CheckInDialog({
  cartId,
  scanned,
  customer,
  onDone,
  onCancel,
}: {
  readonly cartId: string;
  /** A licence barcode already read by the scan box. */
  readonly scanned?: string | undefined;
  readonly customer?: PickedCustomer | undefined;
  readonly onDone: (result: CheckInResult) => void;
  readonly onCancel: () => void;
}) {
  const storeState = useRegister((s) => s.storeInfo?.store.state ?? '');
  const [values, setValues] = useState<Record<Field, string>>({ idNumber: '', firstName: '', lastName: '', dateOfBirth: '', expiry: '', issuer: storeState });
  const [saleType, setSaleType] = useState<'adult' | 'medical'>(customer !== undefined && customer.customerType !== 'adult' ? 'medical' : 'adult');
  const [registration, setRegistration] = useState('');
  const [barcode, setBarcode] = useState<string | null>(null);
  const [cardFaceExpiry, setCardFaceExpiry] = useState('');
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  // The barcode the dialog was opened with (a licence scanned into the scan box).
  useEffect(() => {
    if (scanned !== undefined && looksLikeAamva(scanned)) setBarcode(scanned);
  }, [scanned]);
  // A wedge scanner types the licence barcode into this box; the core reads it when the ID is checked.
  function onScan(text: string): void {
    if (!looksLikeAamva(text)) return;
    setBarcode(text);
    setResult(null);
    setError(null);
  }
  useDialogEscape(onCancel);
  const expiryMissing = barcode !== null && result?.refusal?.code === 'ID_EXPIRY_MISSING';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // Enter once the ID is accepted carries on to the cart, as Continue does.
    if (result?.outcome === 'accepted') {
      onDone(result);
      return;
    }
    const common = {
      cartId,
      saleType,
      ...(saleType === 'medical' ? { medicalRegistration: registration } : {}),
      ...(customer === undefined || saleType === 'medical' ? {} : { customerId: customer.customerId }),
    };
    const r =
      barcode !== null
        ? await send('customer-check-in', { ...common, method: 'scanned', barcode, ...(cardFaceExpiry === '' ? {} : { cardFaceExpiry }) })
        : await send('customer-check-in', { ...common, method: 'manual', id: values });
    setResult(r.ok ? r.value : null);
    setError(r.ok ? null : r.error);
    // A barcode the register cannot read is typed instead.
    if (!r.ok && (r.error.code === 'ID_UNREADABLE' || r.error.code === 'ID_INCOMPLETE')) setBarcode(null);
  };
  const scanNote =
    result?.method === 'scanned'
      ? `✓ Read ${result.issuer} card.${result.warnings.length === 0 ? '' : ` ${result.warnings.join(' ')}`}`
      : barcode !== null
        ? '✓ Licence scanned: press Check ID and the register reads it.'
        : null;
  return (
    <div className="dialog-backdrop">
      <form className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="check-in-title" onSubmit={(e) => void submit(e)}>
        <h2 id="check-in-title">Check in{customer === undefined ? '' : `: ${customer.name}`}</h2>
        <div className="dialog-body">
          {customer === undefined ? null : <p className="muted span-all">Ask for {customer.name}’s ID: it is checked at every visit.</p>}
          <label>
            Sale type
            <select value={saleType} onChange={(e) => setSaleType(e.target.value as 'adult' | 'medical')}>
              <option value="adult">Adult-use (21+)</option>
              <option value="medical">Medical patient or caregiver</option>
            </select>
          </label>
          <label className="span-all">
            Scan the back of the ID
            <textarea rows={2} aria-label="ID barcode" placeholder="Scan here (or type below)" onChange={(e) => onScan(e.target.value)} autoFocus />
          </label>
          {scanNote === null ? null : (
            <p data-testid="scan-note" className="span-all">
              {scanNote}
            </p>
          )}
          {barcode !== null ? (
            <button type="button" className="link span-all" onClick={() => setBarcode(null)}>
              Type the ID instead
            </button>
          ) : (
            fields.map(([key, label]) => (
              <label key={key}>
                {label}
                <input
                  type={key === 'dateOfBirth' || key === 'expiry' ? 'date' : 'text'}
                  value={values[key]}
                  maxLength={key === 'issuer' ? 2 : undefined}
                  onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                />
              </label>
            ))
          )}
          {expiryMissing ? (
            <label>
              Expiry printed on the card
              <input type="date" value={cardFaceExpiry} onChange={(e) => setCardFaceExpiry(e.target.value)} />
            </label>
          ) : null}
          {saleType === 'medical' ? (
            <label>
              Medical registration number
              <input value={registration} onChange={(e) => setRegistration(e.target.value)} />
            </label>
          ) : null}
        </div>
        <p className="field-error" role="alert">
          {error === null ? '' : `⚠ ${error.message}`}
        </p>
        {result === null ? null : (
          <div className={`check-in-result ${result.outcome}`} data-testid="check-in-result">
            <strong>
              {result.outcome === 'accepted' ? '✓ Accepted' : '✕ Refused'}: {result.name}, {result.age}
              {result.saleType === 'caregiver' ? ' (caregiver, buying for their patient)' : ''}
            </strong>
            {result.refusal === null ? null : <p>{result.refusal.message}</p>}
            {result.outcome === 'accepted' && !result.resident ? <p>Out-of-state ID: visitor limits apply where the state sets them.</p> : null}
            <ul>
              {result.limits.map((l) => (
                <li key={l.ruleId}>
                  {l.bucket}: {l.unit === 'mg' ? formatMilligrams(l.remaining) : l.remaining} left of {l.unit === 'mg' ? formatMilligrams(l.limit) : l.limit}{' '}
                  {periodText(l.period)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {result?.outcome === 'accepted' ? 'Close' : 'Cancel'}
          </button>
          {result?.outcome === 'accepted' ? (
            <button type="submit" className="primary">
              Continue
            </button>
          ) : (
            <button type="submit" className="primary">
              Check ID
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
