import { auditAnchorLine } from './z-report-print';
import type { DayReportView } from '../../../shared/contract/reports';
import { formatCents } from '../../../shared/money';
import type { PrintableReport } from './report-document';

type Row = readonly [label: string, value: string];

/** The store day as printed: the same figures as the Reports screen. */
export function dayReportPrintable(report: DayReportView, storeName: string, printedAt: string): PrintableReport {
  const money = formatCents;
  const sections: Array<{ heading: string; rows: readonly Row[] }> = [
    {
      heading: 'Sales',
      rows: [
        ['Sales', `${report.sales.count}`],
        ['Total', money(report.sales.totalCents)],
        ['Discounts', money(report.sales.discountCents)],
        [`Voids (${report.voids.count})`, money(report.voids.totalCents)],
        [`Returns (${report.returns.count})`, money(report.returns.refundCents)],
      ],
    },
    { heading: 'Taxes', rows: report.taxesByTax.map((t) => [t.name, money(t.amountCents)] as const) },
    { heading: 'Discounts by promotion', rows: report.discountsByPromotion.map((d) => [d.name, money(d.amountCents)] as const) },
    { heading: 'Tenders (net)', rows: report.tenders.map((t) => [t.tender, money(t.netCents)] as const) },
    {
      heading: 'Over / short',
      rows: report.overShortByBudtender.map((o) => [o.budtender, `${o.overShortCents < 0 ? 'SHORT ' : ''}${money(Math.abs(o.overShortCents))}`] as const),
    },
    { heading: 'Manual discounts', rows: report.manualDiscounts.map((m) => [m.reason ?? 'manual', money(m.amountCents)] as const) },
    { heading: 'Incidents', rows: report.incidents.map((i) => [i.kind, i.description.slice(0, 30)] as const) },
    { heading: 'Sales made offline', rows: report.offlineSales.map((o) => [o.saleNumber, o.syncStatus] as const) },
    {
      heading: 'Card terminal down (cash only)',
      rows: report.cashOnlyPeriods.map((c) => [`${c.terminal} ${c.cashOnly ? 'off' : 'back'}`, c.at.slice(11, 16)] as const),
    },
    {
      heading: 'Opening check',
      rows: report.openingChecks.map((o) => [`${o.terminal} ${o.at.slice(11, 16)}`, o.overall.toUpperCase()] as const),
    },
    { heading: 'Sales by hour', rows: report.salesByHour.map((h) => [`${h.hour}:00 (${h.count})`, money(h.totalCents)] as const) },
  ];
  return {
    title: 'STORE DAY',
    subtitle: [storeName, `Day ${report.day} (${report.timeZone})`, `Printed ${printedAt}`],
    sections: sections.filter((s) => s.rows.length > 0),
    footer: auditAnchorLine(report.auditAnchor),
  };
}
