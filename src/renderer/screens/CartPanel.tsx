import { useEffect, useState } from 'react';
import { formatCents, formatMilligrams } from '../../shared/money';
import { useCart } from '../state/cart-store';
import { CustomerPicker } from './CustomerPicker';
import { ApprovalDialog } from '../components/ApprovalDialog';
import { CheckInDialog, type PickedCustomer } from '../components/CheckInDialog';
import { ManualDiscountDialog, type ManualDiscountRequest } from '../components/ManualDiscountDialog';
import { needsApproval } from '../state/approval-flow';
import { PaymentPanel } from './PaymentPanel';

/** The cart: lines with their package tags, quantities, park and resume. */
export function CartPanel({
  scannedLicence = null,
  onLicenceHandled = () => undefined,
}: { readonly scannedLicence?: string | null; readonly onLicenceHandled?: () => void } = {}) {
  const { cart, parked, setQuantity, removeLine, park, resume, loadParked, attachCustomer, finishSale, manualDiscount } = useCart();
  const [discounting, setDiscounting] = useState(false);
  const [checkingIn, setCheckingIn] = useState(false);
  const { ensureCart, reload } = useCart();
  // A licence scanned into the scan box opens check-in with it.
  useEffect(() => {
    if (scannedLicence !== null) void ensureCart().then(() => setCheckingIn(true));
  }, [scannedLicence, ensureCart]);
  const [pendingDiscount, setPendingDiscount] = useState<ManualDiscountRequest | null>(null);
  const [customerName, setCustomerName] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedCustomer | null>(null);
  const [label, setLabel] = useState('');
  useEffect(() => {
    void loadParked();
  }, [loadParked]);
  const lines = cart?.lines ?? [];
  return (
    <aside className="cart" aria-label="Cart">
      <h2>
        Cart{' '}
        {cart === null ? (
          ''
        ) : (
          <span className="muted">
            · {lines.length} line{lines.length === 1 ? '' : 's'}
          </span>
        )}
      </h2>
      <div className="cart-customer">
        {cart?.customerId == null && customerName === null ? (
          <>
            <button type="button" className="primary check-in" onClick={() => void ensureCart().then(() => setCheckingIn(true))}>
              Check ID…
            </button>
            <CustomerPicker
              onPick={(c) => {
                // A saved customer shows their ID too (every visit): check-in attaches them once it is accepted.
                setPicked({ customerId: c.customerId, name: `${c.firstName} ${c.lastName}`, customerType: c.customerType });
                void ensureCart().then(() => setCheckingIn(true));
              }}
            />
          </>
        ) : (
          <p data-testid="cart-customer">
            Customer: <strong>{customerName ?? cart?.customerType}</strong>{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setCustomerName(null);
                void attachCustomer(null);
              }}
            >
              change
            </button>
          </p>
        )}
      </div>
      {checkingIn && cart !== null ? (
        <CheckInDialog
          cartId={cart.cartId}
          scanned={scannedLicence ?? undefined}
          customer={picked ?? undefined}
          onCancel={() => {
            setCheckingIn(false);
            setPicked(null);
            onLicenceHandled();
            void reload();
          }}
          onDone={(result) => {
            setCheckingIn(false);
            setPicked(null);
            onLicenceHandled();
            setCustomerName(`${result.name} (${result.saleType === 'adult' ? 'adult-use, ID checked' : result.saleType})`);
            void reload();
          }}
        />
      ) : null}
      {lines.length === 0 ? <p className="muted">Scan a product, a package tag or a SKU.</p> : null}
      <ol className="cart-lines">
        {lines.map((line) => (
          <li key={line.lineId} className="cart-line" data-testid="cart-line">
            <div className="cart-line-main">
              <span className="product-name">{line.name}</span>
              <span className="tag" title="Metrc package tag">
                {line.packageTag}
              </span>
            </div>
            <div className="cart-line-qty">
              {line.sellingMode === 'weight' ? (
                <span>{formatMilligrams(line.quantity)}</span>
              ) : (
                <>
                  <button
                    type="button"
                    aria-label={`One fewer ${line.name}`}
                    disabled={line.quantity <= 1}
                    onClick={() => void setQuantity(line.lineId, line.quantity - 1)}
                  >
                    −
                  </button>
                  <span className="qty" data-testid="cart-line-qty">
                    {line.quantity}
                  </span>
                  <button type="button" aria-label={`One more ${line.name}`} onClick={() => void setQuantity(line.lineId, line.quantity + 1)}>
                    +
                  </button>
                </>
              )}
              <span className="num">
                {formatCents(line.unitPriceCents)}
                {line.sellingMode === 'weight' ? ' / g' : ' ea'}
              </span>
              <button type="button" className="remove" aria-label={`Remove ${line.name}`} onClick={() => void removeLine(line.lineId)}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ol>
      {cart?.totals == null || lines.length === 0 ? null : (
        <table className="figures totals" data-testid="cart-totals">
          <tbody>
            <tr>
              <th scope="row">Subtotal</th>
              <td>{formatCents(cart.totals.subtotalCents)}</td>
            </tr>
            {cart.totals.discounts.map((d) => (
              <tr key={d.name}>
                <th scope="row">{d.name}</th>
                <td>−{formatCents(d.amountCents)}</td>
              </tr>
            ))}
            {cart.totals.taxes.map((t) => (
              <tr key={t.taxId}>
                <th scope="row">{t.name}</th>
                <td>{formatCents(t.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {lines.length === 0 ? null : (
        <button type="button" className="link" onClick={() => setDiscounting(true)}>
          Manual discount…
        </button>
      )}
      {!discounting ? null : (
        <ManualDiscountDialog
          onCancel={() => setDiscounting(false)}
          onSubmit={(request) => {
            setDiscounting(false);
            void manualDiscount(request).then((error) => {
              if (error !== null && needsApproval(error)) setPendingDiscount(request);
            });
          }}
        />
      )}
      {pendingDiscount === null ? null : (
        <ApprovalDialog
          reason="A manual discount needs a manager."
          onCancel={() => setPendingDiscount(null)}
          onApprove={(approval) => {
            const request = pendingDiscount;
            setPendingDiscount(null);
            void manualDiscount(request, approval);
          }}
        />
      )}
      {cart?.totals == null || lines.length === 0 ? null : (
        <PaymentPanel key={`${cart.customerId ?? ''}-${customerName ?? ''}`} cartId={cart.cartId} totalCents={cart.totals.totalCents} onPaid={finishSale} />
      )}
      {lines.length > 0 ? (
        <form
          className="park"
          onSubmit={(event) => {
            event.preventDefault();
            if (label.trim() !== '') void park(label).then(() => setLabel(''));
          }}
        >
          <input aria-label="Park label" placeholder="Name to park under" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} />
          <button type="submit" disabled={label.trim() === ''}>
            Park
          </button>
        </form>
      ) : null}
      {parked.length > 0 ? (
        <section aria-label="Parked carts">
          <h3>Parked</h3>
          <ul className="parked">
            {parked.map((p) => (
              <li key={p.cartId}>
                <button type="button" onClick={() => void resume(p.cartId)}>
                  Resume “{p.label}” ({p.lines})
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </aside>
  );
}
