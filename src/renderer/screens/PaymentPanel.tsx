import { useState } from 'react';
import type { CompletedSaleView } from '../../shared/contract/sales';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { dollarsToCents } from '../money-input';
import { send } from '../transport';

type Tender = { tender: 'cash'; tenderedCents: number } | { tender: 'debit'; amountCents: number; reference: string };

/** Quick cash amounts: exact, then the next round notes above the total. */
function quickAmounts(totalCents: number): number[] {
  const rounded = [500, 1_000, 2_000, 5_000, 10_000].map((note) => Math.ceil(totalCents / note) * note);
  return [...new Set([totalCents, ...rounded])].slice(0, 5);
}

/** Take payment: cash with change due, debit with the terminal's reference, or both. */
export function PaymentPanel({
  cartId,
  totalCents,
  onPaid,
}: {
  readonly cartId: string;
  readonly totalCents: number;
  readonly onPaid: (sale: CompletedSaleView) => void;
}) {
  const [debitRef, setDebitRef] = useState('');
  const [debitAmount, setDebitAmount] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const pay = async (tenders: Tender[]) => {
    const result = await send('sale-complete', { cartId, tenders });
    if (result.ok) {
      setError(null);
      onPaid(result.value);
    } else setError(result.error);
  };
  const debitCents = dollarsToCents(debitAmount) ?? totalCents;
  return (
    <section className="payment" aria-label="Payment">
      <h3>
        Total <span data-testid="cart-total">{formatCents(totalCents)}</span>
      </h3>
      <div className="quick-cash">
        {quickAmounts(totalCents).map((cents) => (
          <button key={cents} type="button" className="primary" onClick={() => void pay([{ tender: 'cash', tenderedCents: cents }])}>
            Cash {formatCents(cents)}
          </button>
        ))}
      </div>
      <form
        className="debit"
        onSubmit={(e) => {
          e.preventDefault();
          const debit = Math.min(debitCents, totalCents);
          const rest = totalCents - debit;
          void pay([{ tender: 'debit', amountCents: debit, reference: debitRef }, ...(rest > 0 ? [{ tender: 'cash' as const, tenderedCents: rest }] : [])]);
        }}
      >
        <input aria-label="Debit reference" placeholder="Debit approval code" value={debitRef} onChange={(e) => setDebitRef(e.target.value)} />
        <input
          aria-label="Debit amount"
          placeholder={`Amount (all ${formatCents(totalCents)})`}
          inputMode="decimal"
          value={debitAmount}
          onChange={(e) => setDebitAmount(e.target.value.replace(/[^\d.]/g, ''))}
        />
        <button type="submit" disabled={debitRef.trim() === ''}>
          Debit
        </button>
      </form>
      <p className="field-error" role="alert" data-testid="payment-error">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
    </section>
  );
}
