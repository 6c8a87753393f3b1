import { useEffect, useState, type FormEvent } from 'react';
import type { BatchView } from '../../shared/contract/quality';
import { send } from '../transport';

/** Recall readiness: every sale of a batch and the customers who bought it. */
export function BatchPanel({ initialBatch }: { readonly initialBatch: string | null }) {
  const [batch, setBatch] = useState(initialBatch ?? '');
  const [view, setView] = useState<BatchView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async (wanted: string) => {
    if (wanted.trim() === '') return;
    const result = await send('qa-batch-view', { batch: wanted.trim() });
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error.message);
  };
  useEffect(() => {
    if (initialBatch !== null) {
      setBatch(initialBatch);
      void show(initialBatch);
    }
  }, [initialBatch]);
  return (
    <section className="batch-panel" aria-labelledby="batch-title">
      <h3 id="batch-title">Batch</h3>
      <form
        className="inline-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void show(batch);
        }}
      >
        <input aria-label="Batch number" value={batch} onChange={(e) => setBatch(e.target.value)} placeholder="Batch number" />
        <button type="submit">Show batch</button>
      </form>
      <p className="field-error" role="alert">
        {error ?? ''}
      </p>
      {view === null ? null : (
        <div data-testid="batch-view">
          <p>
            {view.packages.length} package{view.packages.length === 1 ? '' : 's'} · {view.sales.length} sale line{view.sales.length === 1 ? '' : 's'} ·{' '}
            {view.anonymousSales} without a saved customer · holds: {view.holds.filter((h) => h.releasedAt === null).length} active
          </p>
          <HoldList holds={view.holds} onReleased={() => void show(view.batch)} />
          <h4>Customers who bought it</h4>
          {view.customers.length === 0 ? (
            <p className="muted">No saved customer bought this batch.</p>
          ) : (
            <ul data-testid="batch-customers">
              {view.customers.map((c) => (
                <li key={c.customerId}>
                  {c.name ?? c.customerId} · {c.sales} sale{c.sales === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
          )}
          <h4>Incidents</h4>
          {view.incidents.length === 0 ? (
            <p className="muted">No quality incident on this batch.</p>
          ) : (
            <ul data-testid="batch-incidents">
              {view.incidents.map((i) => (
                <li key={i.incidentId}>
                  {i.incidentNumber} · {i.category.replaceAll('_', ' ')} · {i.status} · {i.photoCount} photo{i.photoCount === 1 ? '' : 's'}
                </li>
              ))}
            </ul>
          )}
          <table className="catalog-table">
            <thead>
              <tr>
                <th scope="col">Sale</th>
                <th scope="col">When</th>
                <th scope="col">Package</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col">Customer</th>
              </tr>
            </thead>
            <tbody>
              {view.sales.map((s) => (
                <tr key={`${s.saleId}-${s.packageTag}`}>
                  <td>
                    {s.saleNumber}
                    {s.status === 'voided' ? <span className="muted"> voided</span> : null}
                  </td>
                  <td>{new Date(s.completedAt).toLocaleString()}</td>
                  <td className="tag">{s.packageTag}</td>
                  <td className="num">{s.quantity}</td>
                  <td>{s.customerName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The batch's active holds, each released with a note (audited). */
function HoldList({ holds, onReleased }: { readonly holds: BatchView['holds']; readonly onReleased: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const active = holds.filter((h) => h.releasedAt === null);
  if (active.length === 0) return null;
  const release = async (holdId: string) => {
    if (note.trim() === '') {
      setError('Say why the hold is released (e.g. the supplier’s answer).');
      return;
    }
    const result = await send('qa-hold-release', { holdId, note: note.trim() });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setNote('');
    setError(null);
    onReleased();
  };
  return (
    <div data-testid="active-holds">
      <h4>On hold</h4>
      <ul>
        {active.map((h) => (
          <li key={h.holdId}>
            {h.scope === 'batch' ? 'Whole batch' : `Package ${h.packageTag ?? ''}`}: {h.reason}{' '}
            <button type="button" onClick={() => void release(h.holdId)}>
              Release
            </button>
          </li>
        ))}
      </ul>
      <input aria-label="Release note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="Why it is released" maxLength={200} />
      <p className="field-error" role="alert">
        {error ?? ''}
      </p>
    </div>
  );
}
