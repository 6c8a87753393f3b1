import { useEffect, useState, type FormEvent } from 'react';
import type { CheckInResult } from '../../shared/contract/check-in';
import type { AppErrorValue } from '../../shared/errors';
import { formatMilligrams } from '../../shared/money';
import { looksLikeAamva, parseAamva } from '../../shared/id/aamva';
import { send } from '../transport';

const fields = [
  ['idNumber', 'ID number'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['dateOfBirth', 'Date of birth'],
  ['expiry', 'ID expiry'],
] as const;

/** Type an ID (a scanned one fills the same fields): age, expiry and medical card are checked by the core. */
export function CheckInDialog({
  cartId,
  scanned,
  onDone,
  onCancel,
}: {
  readonly cartId: string;
  /** A licence barcode already read by the scan box, to prefill the form. */
  readonly scanned?: string | undefined;
  readonly onDone: (result: CheckInResult) => void;
  readonly onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<(typeof fields)[number][0], string>>({ idNumber: '', firstName: '', lastName: '', dateOfBirth: '', expiry: '' });
  const [saleType, setSaleType] = useState<'adult' | 'medical'>('adult');
  const [registration, setRegistration] = useState('');
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [method, setMethod] = useState<'scanned' | 'manual'>('manual');
  const [scanNote, setScanNote] = useState<string | null>(null);
  useEffect(() => {
    if (scanned !== undefined) onScan(scanned);
    // Once, for the barcode the dialog was opened with.
  }, []);
  // A wedge scanner types the licence barcode into this box; the shared parser fills the fields.
  function onScan(text: string): void {
    if (!looksLikeAamva(text)) return;
    const parsed = parseAamva(text);
    if (!parsed.ok) {
      setScanNote(`⚠ ${parsed.error.message}`);
      return;
    }
    const id = parsed.value;
    // A field the barcode lacks stays empty for the budtender to type from the card face; check-in decides acceptance.
    setValues({ idNumber: id.idNumber ?? '', firstName: id.firstName ?? '', lastName: id.familyName ?? '', dateOfBirth: id.dateOfBirth ?? '', expiry: id.expiry ?? '' });
    setMethod('scanned');
    const empty = fields.filter(([key]) => (key === 'lastName' ? id.familyName : id[key]) === null).map(([, label]) => label);
    const issuer = id.issuerKnown ? (id.jurisdiction ?? '') : `${id.jurisdiction ?? 'unknown'} (issuer not recognised)`;
    setScanNote(
      `✓ Read ${issuer} ${id.realId ? 'REAL ID ' : ''}card${id.aamvaVersion === null ? '' : ` (AAMVA v${id.aamvaVersion})`}.` +
        (empty.length === 0 ? '' : ` Not on the barcode — type from the card: ${empty.join(', ')}.`) +
        (id.warnings.some((w) => w.code === 'ID_NAME_ORDER_GUESSED') ? ' Check the name against the card.' : ''),
    );
  }
  const [error, setError] = useState<AppErrorValue | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const r = await send('customer-check-in', { cartId, saleType, method, id: values, ...(saleType === 'medical' ? { medicalRegistration: registration } : {}) });
    setResult(r.ok ? r.value : null);
    setError(r.ok ? null : r.error);
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="check-in-title" onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h2 id="check-in-title">Check in</h2>
        <label>
          Sale type
          <select value={saleType} onChange={(e) => setSaleType(e.target.value as 'adult' | 'medical')}>
            <option value="adult">Adult-use (21+)</option>
            <option value="medical">Medical patient</option>
          </select>
        </label>
        <label>
          Scan the back of the ID
          <textarea rows={2} aria-label="ID barcode" placeholder="Scan here (or type below)" onChange={(e) => onScan(e.target.value)} autoFocus />
        </label>
        {scanNote === null ? null : <p data-testid="scan-note">{scanNote}</p>}
        {fields.map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              type={key === 'dateOfBirth' || key === 'expiry' ? 'date' : 'text'}
              value={values[key]}
              onChange={(e) => {
                setValues({ ...values, [key]: e.target.value });
                setMethod('manual');
              }}
            />
          </label>
        ))}
        {saleType === 'medical' ? (
          <label>
            Medical registration number
            <input value={registration} onChange={(e) => setRegistration(e.target.value)} />
          </label>
        ) : null}
        <p className="field-error" role="alert">
          {error === null ? '' : `⚠ ${error.message}`}
        </p>
        {result === null ? null : (
          <div className={`check-in-result ${result.outcome}`} data-testid="check-in-result">
            <strong>
              {result.outcome === 'accepted' ? '✓ Accepted' : '✕ Refused'}: {result.name}, {result.age}
            </strong>
            {result.refusal === null ? null : <p>{result.refusal.message}</p>}
            <ul>
              {result.limits.map((l) => (
                <li key={l.bucket}>
                  {l.bucket}: {l.unit === 'mg' ? formatMilligrams(l.remaining) : l.remaining} left of {l.unit === 'mg' ? formatMilligrams(l.limit) : l.limit} today
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
            <button type="button" className="primary" onClick={() => onDone(result)}>
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
