import { useEffect, useState } from 'react';
import type { ReceiptDocument } from '../../shared/contract/receipt';
import type { CompletedSaleView } from '../../shared/contract/sales';
import { formatCents } from '../../shared/money';
import { ReceiptPreview } from '../components/ReceiptPreview';
import { send } from '../transport';

/** Change due, large, with the notes and coins to hand back; the receipt; then the next customer. */
export function SaleDone({ sale, onNext }: { readonly sale: CompletedSaleView; readonly onNext: () => void }) {
  const [receipt, setReceipt] = useState<ReceiptDocument | null>(null);
  const [printMessage, setPrintMessage] = useState<string | null>(null);
  useEffect(() => {
    void send('sale-receipt', { saleId: sale.saleId }).then((r) => setReceipt(r.ok ? r.value : null));
  }, [sale.saleId]);
  const print = async () => {
    const r = await send('sale-receipt-print', { saleId: sale.saleId });
    setPrintMessage(r.ok ? `✓ Printed on ${r.value.printer}.${r.value.warning === undefined ? '' : ` ⚠ ${r.value.warning}`}` : `⚠ ${r.error.message}`);
  };
  return (
    <section className="sale-done" aria-label="Sale complete">
      <h2>Sale {sale.saleNumber} complete</h2>
      <p className="change-due">
        Change due <strong data-testid="change-due">{formatCents(sale.changeCents)}</strong>
      </p>
      {sale.changeDenominations.length === 0 ? null : (
        <p className="muted">{sale.changeDenominations.map((d) => `${d.count} × ${formatCents(d.cents)}`).join(' · ')}</p>
      )}
      {sale.drawerWarning === undefined ? null : (
        <p className="field-error" data-testid="drawer-warning">
          ⚠ {sale.drawerWarning}
        </p>
      )}
      {/* The buttons above the receipt: a long receipt never pushes them off the screen. */}
      <div className="dialog-actions">
        <button type="button" onClick={() => void print()}>
          Print receipt
        </button>
        <button type="button" className="primary" onClick={onNext} autoFocus>
          Next customer
        </button>
      </div>
      <p role="status">{printMessage ?? ''}</p>
      <p className="muted">Scan the next customer’s first item to start their sale.</p>
      {receipt === null ? null : <ReceiptPreview receipt={receipt} />}
    </section>
  );
}
