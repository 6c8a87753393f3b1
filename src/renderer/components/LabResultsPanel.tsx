import { useState, type FormEvent } from 'react';
import type { CertificateView } from '../../shared/contract/lab';
import { formatBp } from '../../shared/domain/lab/coa-query';
import { send } from '../transport';

/** Certificates of analysis at the counter: search "myrcene > 0.5 %" and read what the lab found (never what it does for anyone). */
export function LabResultsPanel() {
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ReadonlyArray<{ productId: string; productName: string; certificate: CertificateView }>>([]);
  const [error, setError] = useState<string | null>(null);
  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') return;
    const result = await send('coa-search', { query: query.trim(), limit: 20 });
    if (result.ok) {
      setItems(result.value.items);
      setError(result.value.items.length === 0 ? 'No product’s certificate meets that.' : null);
    } else setError(result.error.message);
  };
  return (
    <section aria-labelledby="lab-title">
      <h3 id="lab-title">Lab results</h3>
      <form className="inline-form" onSubmit={(e) => void search(e)}>
        <input aria-label="Lab search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. myrcene > 0.5 %" />
        <button type="submit">Search</button>
      </form>
      <p className="field-error" role="alert">
        {error ?? ''}
      </p>
      <ul className="lab-results" data-testid="lab-results">
        {items.map(({ productId, productName, certificate: c }) => (
          <li key={productId}>
            <strong>{productName}</strong> · {c.labName}, tested {c.testedOn} · contaminants {c.contaminantsPassed ? 'passed' : 'FAILED'}
            <div className="muted">{[...c.cannabinoids, ...c.terpenes].map((a) => `${a.name} ${formatBp(a.percentBp)}`).join(' · ')}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
