import { useEffect, useRef, useState } from 'react';
import type { CompletedSaleView } from '../../shared/contract/sales';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { CashTenderDialog } from '../components/CashTenderDialog';
import { dollarsToCents } from '../money-input';
import { send } from '../transport';

/** Pay in cash, keying what was handed over, from the keyboard (listed with the shortcuts). */
export const PAY_CASH_KEY = 'F12';

type Tender =
  { tender: 'cash'; tenderedCents: number } | { tender: 'debit'; amountCents: number; reference: string } | { tender: 'store_credit'; amountCents: number };

/** Quick cash amounts: exact, then the next round notes above the total. */
function quickAmounts(totalCents: number): number[] {
  const rounded = [500, 1_000, 2_000, 5_000, 10_000].map((note) => Math.ceil(totalCents / note) * note);
  return [...new Set([totalCents, ...rounded])].slice(0, 3);
}

/** Keyed cash: for the whole total, or for what a debit or store-credit part leaves (that part, and how the keypad names it). */
type Keying = { readonly dueCents: number; readonly first: { readonly tender: Tender; readonly title: string } | null };

/**
 * Take payment: cash (a quick amount, or the amount handed over keyed on a
 * keypad, with the change), debit with the terminal's reference, or both —
 * the rest in cash, keyed. A refusal shows here, by the tenders, until the
 * cart changes (`cartVersion`): a fixed cart does not keep yesterday's error.
 */
export function PaymentPanel({
  cartId,
  totalCents,
  cartVersion,
  onPaid,
  prepaid = null,
}: {
  readonly cartId: string;
  readonly totalCents: number;
  /** An online order the platform charged: its payment is the tender; a shortfall is only taken when staff add a tender for it. */
  readonly prepaid?: { readonly amountCents: number; readonly reference: string } | null;
  /** Changes whenever the cart's lines, quantities or customer do. */
  readonly cartVersion: string;
  readonly onPaid: (sale: CompletedSaleView) => void;
}) {
  const [debitRef, setDebitRef] = useState('');
  const [debitAmount, setDebitAmount] = useState('');
  const [failure, setFailure] = useState<{ readonly version: string; readonly error: AppErrorValue } | null>(null);
  const [keying, setKeying] = useState<Keying | null>(null);
  const error = failure !== null && failure.version === cartVersion ? failure.error : null;
  // The cart as it is when the answer comes, not when the button was pressed: a check-in's reload of the cart (its
  // customer, its totals) may land in between, and must not hide the refusal it was part of.
  const latestVersion = useRef(cartVersion);
  latestVersion.current = cartVersion;
  // Cash-only mode is shown before anyone tries a card. It changes only on the Drawer screen, and
  // leaving checkout unmounts this panel: read once when the pay area appears, not on every scan.
  const [cashOnly, setCashOnly] = useState(false);
  useEffect(() => {
    let live = true;
    void send('tender-mode-get', {}).then((result) => {
      if (live && result.ok) setCashOnly(result.value.cashOnly);
    });
    return () => {
      live = false;
    };
  }, []);
  // The customer's store credit, read again whenever the cart (its customer) changes.
  const [creditCents, setCreditCents] = useState(0);
  useEffect(() => {
    let live = true;
    void send('cart-store-credit', { cartId }).then((result) => {
      if (live) setCreditCents(result.ok ? result.value.balanceCents : 0);
    });
    return () => {
      live = false;
    };
  }, [cartId, cartVersion]);
  // F12 opens the cash keypad for the whole total, from wherever the focus is at the counter (not over a dialog).
  // What the counter's own tenders cover: all of it, or what a prepaid order's platform did not charge.
  const dueCents = prepaid === null ? totalCents : Math.max(0, totalCents - prepaid.amountCents);
  const total = useRef(dueCents);
  total.current = dueCents;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== PAY_CASH_KEY || document.querySelector('[role="dialog"]') !== null) return;
      event.preventDefault();
      setKeying({ dueCents: total.current, first: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const pay = async (tenders: Tender[]) => {
    const result = await send('sale-complete', { cartId, tenders });
    if (result.ok) {
      setFailure(null);
      onPaid(result.value);
    } else setFailure({ version: latestVersion.current, error: result.error });
  };
  const debitCents = dollarsToCents(debitAmount) ?? dueCents;
  return (
    <section className="payment" aria-label="Payment">
      <h3>
        Total <span data-testid="cart-total">{formatCents(totalCents)}</span>
      </h3>
      {prepaid === null ? null : (
        <div className="prepaid" data-testid="prepaid">
          <p>
            Prepaid online: the platform charged <strong>{formatCents(prepaid.amountCents)}</strong> ({prepaid.reference}).
          </p>
          {dueCents > 0 ? (
            <p className="field-error" data-testid="prepaid-difference">
              ⚠ The register&apos;s total is {formatCents(totalCents)}: {formatCents(dueCents)} more is due. Take it only if the customer agrees.
            </p>
          ) : (
            <>
              {prepaid.amountCents > totalCents ? (
                <p data-testid="prepaid-difference">
                  The platform charged {formatCents(prepaid.amountCents - totalCents)} more than the register&apos;s total: recorded for the platform to settle.
                </p>
              ) : null}
              <button type="button" className="primary" onClick={() => void pay([])}>
                Hand over (prepaid)
              </button>
            </>
          )}
        </div>
      )}
      {prepaid !== null && dueCents === 0 ? null : (
        <>
          <div className="quick-cash">
            {quickAmounts(dueCents).map((cents) => (
              <button key={cents} type="button" className="primary" onClick={() => void pay([{ tender: 'cash', tenderedCents: cents }])}>
                Cash {formatCents(cents)}
              </button>
            ))}
            <button
              type="button"
              aria-keyshortcuts={PAY_CASH_KEY}
              title={`Key the cash handed over (${PAY_CASH_KEY})`}
              onClick={() => setKeying({ dueCents, first: null })}
            >
              Other amount…
            </button>
          </div>
          {creditCents <= 0 ? null : (
            <div className="store-credit" data-testid="store-credit">
              <span>
                Store credit: <strong>{formatCents(creditCents)}</strong> available
              </span>
              <button
                type="button"
                onClick={() => {
                  const credit = { tender: 'store_credit' as const, amountCents: Math.min(creditCents, dueCents) };
                  const rest = dueCents - credit.amountCents;
                  // Credit covers part: the cash for the rest is keyed, change and all.
                  if (rest > 0)
                    setKeying({ dueCents: rest, first: { tender: credit, title: `Store credit ${formatCents(credit.amountCents)}: the rest in cash` } });
                  else void pay([credit]);
                }}
              >
                Use store credit ({formatCents(Math.min(creditCents, dueCents))})
              </button>
            </div>
          )}
          {cashOnly ? (
            <p className="cash-only-notice" data-testid="cash-only-notice">
              ⚠ Cash only: the card terminal is marked down. Take cash.
            </p>
          ) : (
            <form
              className="debit"
              onSubmit={(e) => {
                e.preventDefault();
                const debit = Math.min(debitCents, dueCents);
                const rest = dueCents - debit;
                const debitTender = { tender: 'debit' as const, amountCents: debit, reference: debitRef };
                // Part on the card: the cash for the rest is keyed, change and all.
                if (rest > 0) setKeying({ dueCents: rest, first: { tender: debitTender, title: `Debit ${formatCents(debit)}: the rest in cash` } });
                else void pay([debitTender]);
              }}
            >
              <input aria-label="Debit reference" placeholder="Debit approval code" value={debitRef} onChange={(e) => setDebitRef(e.target.value)} />
              <input
                aria-label="Debit amount"
                placeholder={`Amount (all ${formatCents(dueCents)})`}
                inputMode="decimal"
                value={debitAmount}
                onChange={(e) => setDebitAmount(e.target.value.replace(/[^\d.]/g, ''))}
              />
              <button type="submit" disabled={debitRef.trim() === ''}>
                Debit
              </button>
            </form>
          )}
        </>
      )}
      <p className="field-error" role="alert" data-testid="payment-error">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
      {keying === null ? null : (
        <CashTenderDialog
          dueCents={keying.dueCents}
          title={keying.first === null ? 'Cash handed over' : keying.first.title}
          onCancel={() => setKeying(null)}
          onTake={(tenderedCents) => {
            const { first } = keying;
            setKeying(null);
            void pay([...(first === null ? [] : [first.tender]), { tender: 'cash', tenderedCents }]);
          }}
        />
      )}
    </section>
  );
}
