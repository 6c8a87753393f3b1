import { useCallback, useEffect, useState } from 'react';
import type { PurchaseView } from '../../shared/contract/customer-profile';
import { formatCents, formatMilligrams } from '../../shared/money';
import { send } from '../transport';

const TENDER_LABELS: Readonly<Record<string, string>> = { cash: 'cash', debit: 'debit', card: 'card', prepaid: 'prepaid online', store_credit: 'store credit' };

/** A customer's purchases on their card, newest first; older ones a page at a time. Voided sales and returns are marked. */
export function PurchaseHistory({ customerId }: { readonly customerId: string }) {
  const [items, setItems] = useState<readonly PurchaseView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    async (cursor?: string) => {
      const result = await send('customer-purchases', { customerId, limit: 5, ...(cursor === undefined ? {} : { cursor }) });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setItems((shown) => (cursor === undefined ? result.value.items : [...shown, ...result.value.items]));
      setNext(result.value.nextCursor);
      setError(null);
    },
    [customerId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <section aria-labelledby="purchases-title">
      <h3 id="purchases-title">Purchases</h3>
      {items.length === 0 ? <p className="muted">{error ?? 'No purchases yet.'}</p> : null}
      <ol className="purchase-history" data-testid="purchase-history">
        {items.map((sale) => (
          <li key={sale.saleId} className={sale.status === 'voided' ? 'voided' : undefined}>
            <div className="muted">
              {new Date(sale.completedAt).toLocaleString()} · {sale.register} · {sale.saleNumber}
              {sale.status === 'voided' ? ' · VOIDED' : ''}
              {sale.returns.length > 0 ? ` · returned ${sale.returns.map((r) => `${r.returnNumber} (${formatCents(r.refundCents)})`).join(', ')}` : ''}
            </div>
            <ul>
              {sale.lines.map((line, index) => (
                <li key={index}>
                  {line.unit === 'mg' ? formatMilligrams(line.quantity) : `${line.quantity} ×`} {line.productName}{' '}
                  <span className="num">{formatCents(line.netCents)}</span>
                  {line.returnedQuantity > 0 ? ` (${line.unit === 'mg' ? formatMilligrams(line.returnedQuantity) : line.returnedQuantity} returned)` : ''}
                </li>
              ))}
            </ul>
            <div>
              Total <strong className="num">{formatCents(sale.totalCents)}</strong> ·{' '}
              {sale.tenders.map((t) => `${TENDER_LABELS[t.tender] ?? t.tender} ${formatCents(t.amountCents)}`).join(', ')}
              {' · '}points +{sale.points.earned}
              {sale.points.redeemed > 0 ? ` −${sale.points.redeemed} redeemed` : ''}
              {sale.points.adjusted !== 0 ? ` (${sale.points.adjusted > 0 ? '+' : ''}${sale.points.adjusted} after returns/void)` : ''}
            </div>
          </li>
        ))}
      </ol>
      {next === null ? null : (
        <button type="button" className="link" onClick={() => void load(next)}>
          Older purchases…
        </button>
      )}
    </section>
  );
}
