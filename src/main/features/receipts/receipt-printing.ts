import type { ReceiptDocument } from '../../../shared/contract/receipt';
import { formatCents } from '../../../shared/money';
import type { PrintableReport } from '../printing/report-document';

/** A receipt in the printer's terms: the same document the screen shows. */
export function receiptPrintable(receipt: ReceiptDocument): PrintableReport {
  const money = formatCents;
  return {
    title: receipt.store.name,
    subtitle: [
      receipt.store.address,
      `Licence ${receipt.store.licenseNumber}`,
      `Sale ${receipt.saleNumber} - ${receipt.printedTime}`,
      `Budtender: ${receipt.budtender}`,
      ...(receipt.status === 'voided' ? ['*** VOIDED ***'] : []),
    ],
    sections: [
      {
        heading: 'Items',
        rows: receipt.lines.flatMap((line) => [
          [`${line.quantityText} ${line.name}`, money(line.grossCents)] as const,
          [`  Pkg ${line.packageTag}`, ''] as const,
          ...line.discounts.map((d) => [`  ${d.name}`, `-${money(d.amountCents)}`] as const),
        ]),
      },
      {
        heading: 'Totals',
        rows: [
          ['Subtotal', money(receipt.subtotalCents)],
          ['Discounts', `-${money(receipt.discountCents)}`],
          ...receipt.taxes.map((t) => [t.name, money(t.amountCents)] as const),
          ['TOTAL', money(receipt.totalCents)],
        ],
      },
      { heading: 'Paid', rows: [...receipt.tenders.map((t) => [t.label, money(t.amountCents)] as const), ['Change', money(receipt.changeCents)]] },
    ],
    footer: receipt.footer,
    // Scanned at the Returns screen, it opens this sale.
    barcode: receipt.saleNumber,
  };
}
