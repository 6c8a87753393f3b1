import { useState, type FormEvent } from 'react';
import type { CustomerSummary } from '../../shared/contract/customers';
import { send } from '../transport';

/**
 * A manager merges a duplicate of this customer (issue #22): find the other
 * record by name, phone or email, choose which one is kept, give the reason.
 * The core refuses two people or two kinds of record with its own message,
 * shown here as it is.
 */
export function CustomerMergePanel({ customer, onMerged }: { readonly customer: CustomerSummary; readonly onMerged: (keptId: string) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<readonly CustomerSummary[]>([]);
  const [duplicate, setDuplicate] = useState<CustomerSummary | null>(null);
  const [keepThis, setKeepThis] = useState(true);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const find = async (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (query === '') return;
    const byContact = query.includes('@') || query.replace(/\D/g, '').length >= 10;
    const result = byContact ? await send('customer-find-by-contact', { contact: query }) : await send('customer-search', { text: query });
    if (!result.ok) {
      setMessage({ error: true, text: result.error.message });
      return;
    }
    setFound(result.value.items.filter((c) => c.customerId !== customer.customerId));
    setMessage(null);
  };
  const merge = async () => {
    if (duplicate === null) return;
    const [keep, other] = keepThis ? [customer, duplicate] : [duplicate, customer];
    const result = await send('customer-merge', { keepId: keep.customerId, mergeId: other.customerId, reason: reason.trim() });
    if (!result.ok) {
      setMessage({ error: true, text: result.error.message });
      return;
    }
    setMessage({ error: false, text: `Merged: ${keep.firstName} ${keep.lastName} (born ${keep.dateOfBirth}) is the record kept.` });
    setDuplicate(null);
    setFound([]);
    onMerged(result.value.keptId);
  };
  const label = (c: CustomerSummary) => `${c.firstName} ${c.lastName} · ${c.customerType} · born ${c.dateOfBirth}`;
  return (
    <section aria-labelledby="merge-title" data-testid="customer-merge">
      <h3 id="merge-title">Merge a duplicate record</h3>
      <form className="inline-form" onSubmit={(e) => void find(e)}>
        <label>
          Find the duplicate
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, phone or email" maxLength={254} />
        </label>
        <button type="submit">Find</button>
      </form>
      <ul className="customer-results">
        {found.map((c) => (
          <li key={c.customerId}>
            <label className="checkbox">
              <input type="radio" name="duplicate" checked={duplicate?.customerId === c.customerId} onChange={() => setDuplicate(c)} />
              {label(c)}
            </label>
          </li>
        ))}
      </ul>
      {duplicate === null ? null : (
        <fieldset>
          <legend>Record to keep</legend>
          <label className="checkbox">
            <input type="radio" name="keep" checked={keepThis} onChange={() => setKeepThis(true)} />
            This one: {label(customer)}
          </label>
          <label className="checkbox">
            <input type="radio" name="keep" checked={!keepThis} onChange={() => setKeepThis(false)} />
            The duplicate: {label(duplicate)}
          </label>
          <label>
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
          </label>
          <button type="button" className="primary" disabled={reason.trim() === ''} onClick={() => void merge()}>
            Merge records
          </button>
        </fieldset>
      )}
      <p className={message?.error === true ? 'field-error' : 'muted'} role={message?.error === true ? 'alert' : 'status'} data-testid="merge-message">
        {message?.text ?? ''}
      </p>
    </section>
  );
}
