import { useRef, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { ApprovalDialog, type Approval } from '../components/ApprovalDialog';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { needsApproval, sendApproved } from '../state/approval-flow';
import { send } from '../transport';

type FoundSale = CommandOutput<'sale-find'>;

/** Find a sale by its receipt number; void it (same day) or return some items. */
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

  const find = async (event?: FormEvent) => {
    event?.preventDefault();
    const result = await send('sale-find', { saleNumber: number });
    // Another sale starts a new return: nothing of the last one's carries over.
    if (!result.ok || result.value.saleId !== sale?.saleId) setReason('');
    setSale(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
    setQuantities({});
  };

  /** Done: the next return starts with an empty reason and no quantities. */
  const done = async (text: string) => {
    setMessage(text);
    setError(null);
    setReason('');
    setDisposition('inventory');
    await find();
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
      <form className="inline-form" onSubmit={(e) => void find(e)}>
        <input aria-label="Sale number" placeholder="Sale number from the receipt, e.g. C1-000042" value={number} onChange={(e) => setNumber(e.target.value)} />
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
                  <td>
                    <label>
                      Return{' '}
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="inline-form">
            <input aria-label="Reason" placeholder="Reason (required)" value={reason} onChange={(e) => setReason(e.target.value)} />
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
