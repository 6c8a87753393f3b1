import type { CartView } from '../../shared/contract/cart';
import { formatCents } from '../../shared/money';

/** Subtotal, each discount and each tax, compact: the pay area has to fit a 768-pixel-high screen. */
export function CartTotals({ totals }: { readonly totals: NonNullable<CartView['totals']> }) {
  return (
    <table className="figures totals" data-testid="cart-totals">
      <tbody>
        <tr>
          <th scope="row">Subtotal</th>
          <td>{formatCents(totals.subtotalCents)}</td>
        </tr>
        {totals.discounts.map((d) => (
          <tr key={d.name}>
            <th scope="row">{d.name}</th>
            <td>−{formatCents(d.amountCents)}</td>
          </tr>
        ))}
        {totals.taxes.map((t) => (
          <tr key={t.taxId}>
            <th scope="row">{t.name}</th>
            <td>{formatCents(t.amountCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
