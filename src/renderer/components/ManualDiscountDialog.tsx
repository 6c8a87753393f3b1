import { useState, type FormEvent } from 'react';
import { useDialogEscape } from './useDialogEscape';
import { dollarsToCents } from '../money-input';

export interface ManualDiscountRequest {
  readonly kind: 'percent' | 'amount';
  readonly value: number;
  readonly reasonCode: 'promotion_failed' | 'damaged' | 'customer_service' | 'other';
  readonly reason: string;
}

const reasons = [
  ['promotion_failed', 'A promotion failed to apply'],
  ['damaged', 'Damaged packaging'],
  ['customer_service', 'Customer service'],
  ['other', 'Other'],
] as const;

/** A manual discount on the whole order: percent or dollars, always with a reason. */
export function ManualDiscountDialog({ onSubmit, onCancel }: { readonly onSubmit: (request: ManualDiscountRequest) => void; readonly onCancel: () => void }) {
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [amount, setAmount] = useState('');
  const [reasonCode, setReasonCode] = useState<ManualDiscountRequest['reasonCode']>('promotion_failed');
  const [reason, setReason] = useState('');
  // Percent as basis points (10 % → 1000), dollars as cents: both exact integers.
  const value = kind === 'percent' ? (/^\d{1,3}$/.test(amount) ? Number(amount) * 100 : null) : dollarsToCents(amount);
  useDialogEscape(onCancel);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== null && value > 0 && reason.trim() !== '') onSubmit({ kind, value, reasonCode, reason: reason.trim() });
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby="discount-title" onSubmit={submit}>
        <h2 id="discount-title">Manual discount</h2>
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value as 'percent' | 'amount')}>
            <option value="percent">Percent off the order</option>
            <option value="amount">Dollars off the order</option>
          </select>
        </label>
        <label>
          {kind === 'percent' ? 'Percent' : 'Dollars'}
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value.replace(/[^\d.]/g, ''))} autoFocus />
        </label>
        <label>
          Reason
          <select value={reasonCode} onChange={(e) => setReasonCode(e.target.value as ManualDiscountRequest['reasonCode'])}>
            {reasons.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          What happened
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={value === null || value <= 0 || reason.trim() === ''}>
            Apply
          </button>
        </div>
      </form>
    </div>
  );
}
