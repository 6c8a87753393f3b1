import { useEffect, useState } from 'react';
import { useCart } from '../state/cart-store';
import { CustomerPicker } from './CustomerPicker';
import { ApprovalDialog } from '../components/ApprovalDialog';
import { LimitMeter } from '../components/LimitMeter';
import { CustomerCareBar } from '../components/CustomerCareBar';
import { CheckInDialog, type PickedCustomer } from '../components/CheckInDialog';
import { ManualDiscountDialog, type ManualDiscountRequest } from '../components/ManualDiscountDialog';
import { needsApproval } from '../state/approval-flow';
import { CartLines } from './CartLines';
import { CartTotals } from './CartTotals';
import { ParkCart } from './ParkCart';
import { PaymentPanel } from './PaymentPanel';

/**
 * The cart: who it is for, its lines (which scroll), and the pay area
 * (totals, tenders, refusals), which stays on screen however long the cart.
 */
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
  useEffect(() => {
    void loadParked();
  }, [loadParked]);
  const lines = cart?.lines ?? [];
  // What the pay area's refusal was about: a change to any of it clears the refusal.
  const cartVersion = `${cart?.cartId ?? ''}|${cart?.customerId ?? ''}|${customerName ?? ''}|${lines.map((l) => `${l.lineId}:${l.quantity}`).join(',')}`;
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
      {cart?.customerId == null ? null : (
        <CustomerCareBar
          cartId={cart.cartId}
          customerId={cart.customerId}
          cartVersion={`${cartVersion}|${cart.totals?.totalCents ?? ''}`}
          onChanged={() => void reload()}
        />
      )}
      <LimitMeter cart={cart} />
      <CartLines lines={lines} onQuantity={(lineId, quantity) => void setQuantity(lineId, quantity)} onRemove={(lineId) => void removeLine(lineId)}>
        <ParkCart canPark={lines.length > 0} parked={parked} onPark={park} onResume={(cartId) => void resume(cartId)} />
      </CartLines>
      {cart?.totals == null || lines.length === 0 ? null : (
        <div className="pay-area">
          <CartTotals totals={cart.totals} />
          <button type="button" className="link" onClick={() => setDiscounting(true)}>
            Manual discount…
          </button>
          {/* One panel per cart: a new customer on it must not remount the panel, or an answer to Cash pressed just
              before the check-in's reload landed would be lost with the old panel (its refusal never shown). */}
          <PaymentPanel
            key={cart.cartId}
            cartId={cart.cartId}
            totalCents={cart.totals.totalCents}
            cartVersion={cartVersion}
            prepaid={cart.prepaid ?? null}
            onPaid={finishSale}
          />
        </div>
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
    </aside>
  );
}
