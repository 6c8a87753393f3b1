import type { CompletedSaleView } from '../../shared/contract/sales';
import { formatCents } from '../../shared/money';

/** Change due, large, with the notes and coins to hand back; then the next customer. */
export function SaleDone({ sale, onNext }: { readonly sale: CompletedSaleView; readonly onNext: () => void }) {
  return (
    <section className="sale-done" aria-label="Sale complete">
      <h2>Sale {sale.saleNumber} complete</h2>
      <p className="change-due">
        Change due <strong data-testid="change-due">{formatCents(sale.changeCents)}</strong>
      </p>
      {sale.changeDenominations.length === 0 ? null : (
        <p className="muted">{sale.changeDenominations.map((d) => `${d.count} × ${formatCents(d.cents)}`).join(' · ')}</p>
      )}
      <table className="figures receipt-preview" data-testid="receipt">
        <tbody>
          <tr>
            <th scope="row">Subtotal</th>
            <td>{formatCents(sale.subtotalCents)}</td>
          </tr>
          <tr>
            <th scope="row">Discounts</th>
            <td>{formatCents(sale.discountCents)}</td>
          </tr>
          <tr>
            <th scope="row">Taxes</th>
            <td>{formatCents(sale.taxCents)}</td>
          </tr>
          <tr>
            <th scope="row">Total</th>
            <td>{formatCents(sale.totalCents)}</td>
          </tr>
          {sale.tenders.map((t) => (
            <tr key={`${t.tender}-${t.reference ?? ''}`}>
              <th scope="row">{t.tender === 'cash' ? 'Cash tendered' : `${t.tender} ${t.reference ?? ''}`}</th>
              <td>{formatCents(t.tenderedCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" onClick={onNext} autoFocus>
        Next customer
      </button>
    </section>
  );
}
