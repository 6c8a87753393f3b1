import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { ApprovalDialog, type Approval } from '../components/ApprovalDialog';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { needsApproval, sendApproved } from '../state/approval-flow';
import { useScans } from '../state/scan-store';
import { send } from '../transport';

type FoundSale = CommandOutput<'sale-find'>;
type RecentSale = CommandOutput<'sales-recent'>['items'][number];

/** Reasons budtenders give most, one tap each (a touch counter has no keyboard); any other is typed. */
const COMMON_REASONS = ['Customer changed mind', 'Defective product', 'Rung in error', 'Rung on the wrong customer'] as const;

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });

/**
 * Find a sale — scan the barcode on its receipt, type its number, or pick it
 * from the day's last 50 — then void it (same day) or return some items.
 */
export function ReturnsScreen() {
  const [number, setNumber] = useState('');
  const [sale, setSale] = useState<FoundSale | null>(null);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [disposition, setDisposition] = useState<'inventory' | 'quarantine' | 'destruction'>('inventory');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [approvalFor, setApprovalFor] = useState<string | null>(null);
  const [confirmingVoid, setConfirmingVoid] = useState(false);
  const retry = useRef<((approval: Approval) => Promise<void>) | null>(null);

  const [recent, setRecent] = useState<readonly RecentSale[] | null>(null);
  const loadRecent = useCallback(async () => {
    const result = await send('sales-recent', {});
    if (result.ok) setRecent(result.value.items);
  }, []);
  useEffect(() => {
    void loadRecent();
  }, [loadRecent]);

  /** Opens the sale numbered `saleNumber` (what is in the box, when not named). */
  const find = async (event?: FormEvent, saleNumber: string = number) => {
    event?.preventDefault();
    if (saleNumber.trim() === '') return;
    const result = await send('sale-find', { saleNumber });
    // Another sale starts a new return: nothing of the last one's carries over.
    if (!result.ok || result.value.saleId !== sale?.saleId) setReason('');
    setSale(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
    setQuantities({});
  };

  const open = (saleNumber: string) => {
    setNumber(saleNumber);
    setMessage(null);
    void find(undefined, saleNumber);
  };

  // A receipt scanned on this screen outside the box (a background scanner, focus elsewhere) opens its sale too.
  const pending = useScans((state) => state.pending);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    if (pending === null || pending.kind !== 'sale') return;
    useScans.getState().taken(pending.id);
    openRef.current(pending.data);
  }, [pending]);

  /** Done: the next return starts with an empty reason and no quantities. */
  const done = async (text: string) => {
    setMessage(text);
    setError(null);
    setReason('');
    setDisposition('inventory');
    await Promise.all([find(), loadRecent()]);
  };

  const run = async (label: string, action: (approval?: Approval) => Promise<{ ok: boolean; error?: AppErrorValue; text: string }>) => {
    const outcome = await action();
    if (outcome.ok) {
      await done(outcome.text);
      return;
    }
    if (outcome.error !== undefined && needsApproval(outcome.error)) {
      retry.current = async (approval) => {
        const again = await action(approval);
        if (again.ok) await done(again.text);
        else {
          setMessage(null);
          setError(again.error ?? null);
        }
      };
      setApprovalFor(label);
    } else setError(outcome.error ?? null);
  };

  const voidSale = (approval?: Approval) =>
    sendApproved('sale-void', { saleId: sale?.saleId ?? '', reason }, approval).then((r) =>
      r.ok
        ? {
            ok: true,
            text: `Voided. Refunded ${r.value.refunds.map((f) => `${formatCents(f.amountCents)} ${f.tender}`).join(', ')}.${r.value.drawerWarning === undefined ? '' : ` ${r.value.drawerWarning}`}`,
          }
        : { ok: false, error: r.error, text: '' },
    );

  const returnItems = (approval?: Approval) => {
    const lines = Object.entries(quantities)
      .filter(([, q]) => q > 0)
      .map(([saleLineId, quantity]) => ({ saleLineId, quantity }));
    return sendApproved('sale-return', { saleId: sale?.saleId ?? '', lines, reason, disposition }, approval).then((r) =>
      r.ok
        ? {
            ok: true,
            text: `Return ${r.value.returnNumber}: refund ${formatCents(r.value.refundCents)}.${r.value.drawerWarning === undefined ? '' : ` ${r.value.drawerWarning}`}`,
          }
        : { ok: false, error: r.error, text: '' },
    );
  };

  return (
    <section className="returns" aria-label="Returns and voids">
      <h1>Returns and voids</h1>
      <div className="returns-sale">
        <form className="inline-form" onSubmit={(e) => void find(e)}>
          {/* The receipt's barcode is scanned into this box (its Enter finds the sale): scans here are not routed elsewhere. */}
          <input
            aria-label="Sale number"
            placeholder="Scan the receipt’s barcode, or type its sale number, e.g. C1-000042"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            data-scan-field=""
            autoFocus
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit">Find</button>
        </form>
        {message === null ? null : (
          <p className="notice" role="status">
            ✓ {message}
          </p>
        )}
        <p className="field-error" role="alert" data-testid="returns-error">
          {error === null ? '' : `⚠ ${error.message}`}
        </p>
        {sale === null ? null : (
          <>
            <p data-testid="found-sale">
              Sale {sale.saleNumber} · {formatCents(sale.totalCents)} · {sale.status}
            </p>
            <table className="catalog-table">
              <tbody>
                {sale.lines.map((line) => (
                  <tr key={line.saleLineId}>
                    <td>
                      <div className="product-name">{line.name}</div>
                      <div className="tag">{line.packageTag}</div>
                    </td>
                    <td className="num">{formatCents(line.paidCents)}</td>
                    <td className="return-qty">
                      <button
                        type="button"
                        className="qty-step"
                        aria-label={`One fewer ${line.name} to return`}
                        disabled={(quantities[line.saleLineId] ?? 0) === 0}
                        onClick={() => setQuantities({ ...quantities, [line.saleLineId]: Math.max(0, (quantities[line.saleLineId] ?? 0) - 1) })}
                      >
                        −
                      </button>
                      <label>
                        <span className="visually-hidden">Return </span>
                        <input
                          aria-label={`Return quantity of ${line.name}`}
                          inputMode="numeric"
                          className="qty-input"
                          value={quantities[line.saleLineId] ?? ''}
                          disabled={line.returnable === 0}
                          onChange={(e) =>
                            setQuantities({ ...quantities, [line.saleLineId]: Math.min(line.returnable, Number(e.target.value.replace(/\D/g, '') || 0)) })
                          }
                        />{' '}
                        of {line.returnable}
                      </label>
                      <button
                        type="button"
                        className="qty-step"
                        aria-label={`One more ${line.name} to return`}
                        disabled={(quantities[line.saleLineId] ?? 0) >= line.returnable}
                        onClick={() => setQuantities({ ...quantities, [line.saleLineId]: Math.min(line.returnable, (quantities[line.saleLineId] ?? 0) + 1) })}
                      >
                        +
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="inline-form">
              <input aria-label="Reason" placeholder="Reason (required)" value={reason} onChange={(e) => setReason(e.target.value)} />
              <div className="reason-chips" role="group" aria-label="Common reasons">
                {COMMON_REASONS.map((r) => (
                  <button key={r} type="button" aria-pressed={reason === r} onClick={() => setReason(r)}>
                    {r}
                  </button>
                ))}
              </div>
              <select aria-label="Disposition" value={disposition} onChange={(e) => setDisposition(e.target.value as typeof disposition)}>
                <option value="inventory">Back to stock</option>
                <option value="quarantine">Quarantine</option>
                <option value="destruction">Destruction</option>
              </select>
              <button type="button" disabled={reason.trim() === ''} onClick={() => void run('Returning items needs a manager.', returnItems)}>
                Return items
              </button>
              <button type="button" disabled={reason.trim() === '' || sale.status !== 'completed'} onClick={() => setConfirmingVoid(true)}>
                Void sale
              </button>
            </div>
          </>
        )}
      </div>
      {/* Beside the open sale (not under it), so the next one is picked without scrolling. */}
      <aside className="returns-recent" aria-labelledby="recent-sales-title">
        <h2 id="recent-sales-title">Today’s sales</h2>
        {recent === null ? null : recent.length === 0 ? (
          <p className="muted">No sales yet today.</p>
        ) : (
          <div className="recent-sales">
            <table className="catalog-table" aria-labelledby="recent-sales-title">
              <thead>
                <tr>
                  <th scope="col">Sale</th>
                  <th scope="col">Time</th>
                  <th scope="col">Budtender</th>
                  <th scope="col" className="num">
                    Items
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.saleId} data-testid="recent-sale" aria-current={sale?.saleId === r.saleId ? 'true' : undefined}>
                    <td>
                      <button type="button" className="ghost" onClick={() => open(r.saleNumber)}>
                        {r.saleNumber}
                      </button>
                      {r.status === 'voided' ? <span className="muted"> voided</span> : null}
                    </td>
                    <td>{timeOf(r.completedAt)}</td>
                    <td>{r.budtender}</td>
                    <td className="num">{r.lines}</td>
                    <td className="num">{formatCents(r.totalCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </aside>
      {confirmingVoid && sale !== null ? (
        <ConfirmDialog
          title={`Void sale ${sale.saleNumber}?`}
          figures={[
            {
              label: sale.lines.every((l) => l.returnable === l.quantity)
                ? 'Refunded on its tenders'
                : 'Sale total (returns already made are not refunded again)',
              value: formatCents(sale.totalCents),
            },
            { label: 'Items back to stock', value: String(sale.lines.reduce((n, l) => n + l.returnable, 0)) },
            { label: 'Reason', value: reason.trim() },
          ]}
          note="The whole sale is voided for good and the state system is told."
          confirmLabel={`Void and refund ${formatCents(sale.totalCents)}`}
          onCancel={() => setConfirmingVoid(false)}
          onConfirm={() => {
            setConfirmingVoid(false);
            void run('Voiding a sale needs a manager.', voidSale);
          }}
        />
      ) : null}
      {approvalFor === null ? null : (
        <ApprovalDialog
          reason={approvalFor}
          onCancel={() => setApprovalFor(null)}
          onApprove={(approval) => {
            setApprovalFor(null);
            void retry.current?.(approval);
          }}
        />
      )}
    </section>
  );
}
