import type { ZReportView } from '../../../shared/contract/reports';
import { formatCents } from '../../../shared/money';
import type { PrintableReport } from './report-document';

type Row = readonly [label: string, value: string];
type Section = { readonly heading: string; readonly rows: readonly Row[] };

/** The Z-report as printed at the close: the same figures as on screen. */
export function zReportPrintable(report: ZReportView, printedAt: string): PrintableReport {
  const money = (cents: number) => formatCents(cents);
  const counted: Row[] =
    report.close === null
      ? []
      : [
          ['Counted', money(report.close.countedCashCents)],
          [report.close.overShortCents < 0 ? 'SHORT' : 'Over', money(Math.abs(report.close.overShortCents))],
        ];
  const sections: Section[] = [
    {
      heading: 'Sales',
      rows: [
        ['Sales', `${report.sales.count}`],
        ['Subtotal', money(report.sales.subtotalCents)],
        ['Discounts', money(report.sales.discountCents)],
        ['Tax', money(report.sales.taxCents)],
        ['Total', money(report.sales.totalCents)],
        [`Voids (${report.voids.count})`, money(report.voids.totalCents)],
        [`Returns (${report.returns.count})`, money(report.returns.refundCents)],
      ],
    },
    { heading: 'Taxes', rows: report.taxesByTax.map((t) => [t.name, money(t.amountCents)] as const) },
    { heading: 'Discounts by promotion', rows: report.discountsByPromotion.map((d) => [d.name, money(d.amountCents)] as const) },
    { heading: 'Tenders (net)', rows: report.tenders.map((t) => [t.tender, money(t.netCents)] as const) },
    {
      heading: 'Cash',
      rows: [
        ['Opening float', money(report.cash.openingFloatCents)],
        ['Cash taken', money(report.cash.cashSalesCents)],
        ['Cash refunded', money(report.cash.cashRefundsCents)],
        ['Paid in', money(report.cash.paidInCents)],
        ['Paid out', money(report.cash.paidOutCents)],
        ['Safe drops', money(report.cash.dropsCents)],
        ['Expected in drawer', money(report.cash.expectedCashCents)],
        ...counted,
      ],
    },
    { heading: 'Sales by hour', rows: report.salesByHour.map((h) => [`${h.hour}:00 (${h.count})`, money(h.totalCents)] as const) },
  ];
  return {
    title: 'Z-REPORT',
    subtitle: [`${report.session.terminal} - ${report.session.budtender}`, `Opened ${report.session.openedAt}`, `Printed ${printedAt}`],
    sections: sections.filter((section) => section.rows.length > 0),
    footer: [...(report.close?.explanation == null ? [] : [`Explanation: ${report.close.explanation}`]), ...auditAnchorLine(report.auditAnchor)],
  };
}

/** Written down on paper so `verify-audit --anchor` can later prove the file still holds this entry unchanged. */
export function auditAnchorLine(anchor: string | null | undefined): string[] {
  return anchor === null || anchor === undefined ? [] : [`Audit anchor: ${anchor}`];
}
