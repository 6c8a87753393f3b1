import { useEffect, useState, type FormEvent } from 'react';
import type { CartLoyaltyView } from '../../shared/contract/loyalty';
import { send } from '../transport';
import { CustomerNotesDialog } from './CustomerNotesDialog';
import { CustomerProfileDialog } from './CustomerProfileDialog';
import { useDialogEscape } from './useDialogEscape';

/**
 * The cart's customer care line: their points and tier, what this cart earns,
 * points redeemed on it (a cent each, off before tax), and their notes.
 */
export function CustomerCareBar({
  cartId,
  customerId,
  cartVersion,
  onChanged,
}: {
  readonly cartId: string;
  readonly customerId: string;
  readonly cartVersion: string;
  readonly onChanged: () => void;
}) {
  const [loyalty, setLoyalty] = useState<CartLoyaltyView | null>(null);
  const [redeeming, setRedeeming] = useState(false);
  const [notes, setNotes] = useState(false);
  const [card, setCard] = useState(false);
  useEffect(() => {
    let live = true;
    void send('cart-loyalty', { cartId }).then((r) => {
      if (live && r.ok) setLoyalty(r.value);
    });
    return () => {
      live = false;
    };
  }, [cartId, customerId, cartVersion]);
  return (
    <div className="customer-care" data-testid="customer-care">
      {loyalty === null ? null : (
        <span data-testid="loyalty-summary">
          Points: <strong className="num">{loyalty.balance.toLocaleString()}</strong> ({loyalty.tier?.name ?? '—'}) · this cart earns {loyalty.earnPoints}
          {loyalty.appliedPoints > 0 ? ` · redeeming ${loyalty.appliedPoints}` : ''}
          {loyalty.problem === null ? '' : ` · ${loyalty.problem}`}
        </span>
      )}{' '}
      <button
        type="button"
        className="link"
        onClick={() => setRedeeming(true)}
        disabled={loyalty === null || loyalty.balance < loyalty.minimumRedemptionPoints}
      >
        Redeem points…
      </button>{' '}
      <button type="button" className="link" onClick={() => setNotes(true)}>
        Notes…
      </button>{' '}
      <button type="button" className="link" onClick={() => setCard(true)}>
        Customer card…
      </button>
      {!redeeming || loyalty === null ? null : (
        <RedeemDialog
          loyalty={loyalty}
          onCancel={() => setRedeeming(false)}
          onDone={(view) => {
            setRedeeming(false);
            setLoyalty(view);
            onChanged();
          }}
        />
      )}
      {notes ? <CustomerNotesDialog customerId={customerId} onClose={() => setNotes(false)} /> : null}
      {card ? (
        <CustomerProfileDialog
          customerId={customerId}
          onClose={() => setCard(false)}
          onMerged={() => {
            // The cart moved with its customer if that record was merged away: read it again.
            setCard(false);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function RedeemDialog({
  loyalty,
  onCancel,
  onDone,
}: {
  readonly loyalty: CartLoyaltyView;
  readonly onCancel: () => void;
  readonly onDone: (view: CartLoyaltyView) => void;
}) {
  const [points, setPoints] = useState(String(loyalty.redeemPoints || ''));
  const [error, setError] = useState<string | null>(null);
  useDialogEscape(onCancel);
  const value = /^\d{1,7}$/.test(points) ? Number(points) : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (value === null) return;
    const result = await send('cart-loyalty-redeem', { cartId: loyalty.cartId, points: value });
    if (result.ok) onDone(result.value);
    else setError(result.error.message);
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="redeem-title" onSubmit={(e) => void submit(e)}>
        <h2 id="redeem-title">Redeem points</h2>
        <p>
          Balance {loyalty.balance.toLocaleString()} points; 100 points = $1.00 off before tax (at least {loyalty.minimumRedemptionPoints}; 0 removes them).
        </p>
        {loyalty.exclusion === null ? null : (
          <p className="notice">
            {loyalty.exclusion.state}: {loyalty.exclusion.summary} ({loyalty.exclusion.citation})
          </p>
        )}
        <label>
          Points
          <input inputMode="numeric" value={points} onChange={(e) => setPoints(e.target.value.replace(/\D/g, ''))} autoFocus />
        </label>
        <p className="field-error" role="alert">
          {error ?? ''}
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={value === null}>
            Redeem
          </button>
        </div>
      </form>
    </div>
  );
}
