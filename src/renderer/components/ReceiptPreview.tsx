import type { ReceiptDocument } from '../../shared/contract/receipt';
import { formatCents } from '../../shared/money';

/** The receipt as paper would show it: same document the printer gets. */
export function ReceiptPreview({ receipt }: { readonly receipt: ReceiptDocument }) {
  return (
    <article className="receipt" aria-label={`Receipt ${receipt.saleNumber}`} data-testid="receipt">
      <header>
        <strong>{receipt.store.name}</strong>
        <span>{receipt.store.address}</span>
        <span>Licence {receipt.store.licenseNumber}</span>
        <span>
          Sale {receipt.saleNumber} · {receipt.printedTime} · {receipt.budtender}
        </span>
      </header>
      <ul>
        {receipt.lines.map((line) => (
          <li key={`${line.packageTag}-${line.name}`}>
            <div className="receipt-row">
              <span>
                {line.quantityText} {line.name}
              </span>
              <span>{formatCents(line.grossCents)}</span>
            </div>
            <div className="tag">Pkg {line.packageTag}</div>
            {line.discounts.map((d) => (
              <div key={d.name} className="receipt-row discount">
                <span>{d.name}</span>
                <span>−{formatCents(d.amountCents)}</span>
              </div>
            ))}
          </li>
        ))}
      </ul>
      <div className="receipt-row">
        <span>Subtotal</span>
        <span>{formatCents(receipt.subtotalCents)}</span>
      </div>
      {receipt.taxes.map((t) => (
        <div key={t.name} className="receipt-row">
          <span>{t.name}</span>
          <span>{formatCents(t.amountCents)}</span>
        </div>
      ))}
      <div className="receipt-row total">
        <span>Total</span>
        <span>{formatCents(receipt.totalCents)}</span>
      </div>
      {receipt.tenders.map((t) => (
        <div key={t.label} className="receipt-row">
          <span>{t.label}</span>
          <span>{formatCents(t.amountCents)}</span>
        </div>
      ))}
      <div className="receipt-row">
        <span>Change</span>
        <span>{formatCents(receipt.changeCents)}</span>
      </div>
      <footer>
        {receipt.footer.map((line) => (
          <span key={line}>{line}</span>
        ))}
      </footer>
    </article>
  );
}
