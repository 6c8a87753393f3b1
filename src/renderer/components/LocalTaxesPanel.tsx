import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { LocalTax } from '../../shared/contract/taxes';
import type { AppErrorValue } from '../../shared/errors';
import { basisPointsText, percentToBasisPoints } from '../money-input';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

const EMPTY = { name: '', jurisdiction: '', rate: '', appliesTo: 'cannabis' as LocalTax['appliesTo'], medicalExempt: false, from: '', to: '', citation: '' };
type Draft = typeof EMPTY;

/** A tax's id from its name ("City cannabis tax 2%" → "city-cannabis-tax-2"), as the contract wants it. */
const idOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);

/**
 * The city and county taxes of the store's own jurisdiction (a manager or
 * admin): each with its rate, what it applies to, the medical exemption,
 * its period and the ordinance. The core checks the periods and the state's
 * cap and audits each save; in a store with a server every register prices
 * with the list within 2 s. A tax that ends is given its last day, not
 * deleted: past sales keep the rates they were charged either way.
 */
export function LocalTaxesPanel() {
  const [taxes, setTaxes] = useState<readonly LocalTax[] | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await send('taxes-local-get', {});
    if (result.ok) setTaxes(result.value.taxes);
    else setError(result.error);
  }, []);
  useEffect(() => void load(), [load]);

  const saveList = async (next: readonly LocalTax[], done: string): Promise<boolean> => {
    const result = await send('taxes-local-set', { taxes: [...next] });
    if (!result.ok) {
      setNotice(null);
      setError(result.error);
      return false;
    }
    setError(null);
    setTaxes(result.value.taxes);
    setNotice(done);
    return true;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (taxes === null) return;
    const rate = percentToBasisPoints(draft.rate);
    if (rate === null) return setError({ code: 'TAX_RATE_NOT_A_NUMBER', message: 'Type the rate as a percentage, like 2 or 2.25.' });
    const tax: LocalTax = {
      id: idOf(draft.name),
      name: draft.name.trim(),
      jurisdiction: draft.jurisdiction.trim(),
      rateBp: rate,
      appliesTo: draft.appliesTo,
      medicalExempt: draft.medicalExempt,
      effectiveFrom: draft.from,
      effectiveTo: draft.to === '' ? null : draft.to,
      citation: draft.citation.trim(),
    };
    if (await saveList([...taxes, tax], `${tax.name} added: sales from ${tax.effectiveFrom} carry it.`)) setDraft(EMPTY);
  };

  const end = (tax: LocalTax, lastDay: string) =>
    saveList(taxes?.map((t) => (t === tax ? { ...t, effectiveTo: lastDay } : t)) ?? [], `${tax.name} ends: sales from ${lastDay} no longer carry it.`);

  return (
    <section aria-label="Local taxes" data-testid="local-taxes">
      <h3>Local taxes</h3>
      <p className="muted">City and county taxes of this store’s own jurisdiction, added to the state’s. Check each against its ordinance.</p>
      <ErrorBanner error={error} />
      {notice === null ? null : (
        <p className="notice" role="status">
          ✓ {notice}
        </p>
      )}
      {taxes === null ? null : taxes.length === 0 ? (
        <p className="muted">No local taxes: sales carry the state’s taxes only.</p>
      ) : (
        <table className="figures">
          <thead>
            <tr>
              <th scope="col">Tax</th>
              <th scope="col">Rate</th>
              <th scope="col">On</th>
              <th scope="col">Period</th>
              <th scope="col">Ordinance</th>
              <th scope="col">
                <span className="visually-hidden">End</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {taxes.map((tax) => (
              <LocalTaxRow key={`${tax.id}:${tax.effectiveFrom}`} tax={tax} onEnd={(day) => void end(tax, day)} />
            ))}
          </tbody>
        </table>
      )}
      <form className="settings-form" aria-label="Add a local tax" onSubmit={(e) => void add(e)}>
        <label>
          Name
          <input value={draft.name} maxLength={80} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
        <label>
          Jurisdiction
          <input value={draft.jurisdiction} maxLength={80} onChange={(e) => setDraft({ ...draft, jurisdiction: e.target.value })} />
        </label>
        <label>
          Rate (%)
          <input inputMode="decimal" maxLength={5} value={draft.rate} onChange={(e) => setDraft({ ...draft, rate: e.target.value })} />
        </label>
        <label>
          Applies to
          <select value={draft.appliesTo} onChange={(e) => setDraft({ ...draft, appliesTo: e.target.value as LocalTax['appliesTo'] })}>
            <option value="cannabis">Cannabis products only</option>
            <option value="all">Every sale (accessories too)</option>
          </select>
        </label>
        <label>
          First day charged
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          No longer charged from (optional)
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          Ordinance or rate notice
          <input value={draft.citation} maxLength={200} onChange={(e) => setDraft({ ...draft, citation: e.target.value })} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={draft.medicalExempt} onChange={(e) => setDraft({ ...draft, medicalExempt: e.target.checked })} /> Patients and
          caregivers pay none of it
        </label>
        <button type="submit" disabled={draft.name.trim() === '' || draft.from === ''}>
          Add local tax
        </button>
      </form>
    </section>
  );
}

function LocalTaxRow({ tax, onEnd }: { readonly tax: LocalTax; readonly onEnd: (day: string) => void }) {
  const [ending, setEnding] = useState('');
  return (
    <tr data-testid="local-tax-row">
      <th scope="row">
        {tax.name}
        <span className="muted"> · {tax.jurisdiction}</span>
      </th>
      <td>{basisPointsText(tax.rateBp)} %</td>
      <td>
        {tax.appliesTo === 'cannabis' ? 'cannabis' : 'every sale'}
        {tax.medicalExempt ? ', patients exempt' : ''}
      </td>
      <td>
        {tax.effectiveFrom} – {tax.effectiveTo ?? 'no end'}
      </td>
      <td>{tax.citation}</td>
      <td>
        {tax.effectiveTo !== null ? null : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (ending !== '') onEnd(ending);
            }}
          >
            <label className="inline-label">
              <span className="visually-hidden">{tax.name}: </span>No longer charged from
              <input type="date" value={ending} onChange={(e) => setEnding(e.target.value)} />
            </label>
            <button type="submit" disabled={ending === ''}>
              End {tax.name}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
