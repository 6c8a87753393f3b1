import { useEffect, useState } from 'react';
import type { ZReportView } from '../../shared/contract/reports';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { send } from '../transport';
import { HourlyChart } from './HourlyChart';

/** The drawer's Z-report, on screen: sales, tenders, taxes, cash in and out, the count. */
export function ZReportPanel({ refreshKey }: { readonly refreshKey: number }) {
  const [report, setReport] = useState<ZReportView | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  useEffect(() => {
    void send('report-z', {}).then((result) => {
      if (result.ok) {
        setReport(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [refreshKey]);
  if (error !== null) return <p className="muted">{error.message}</p>;
  if (report === null) return null;
  const rows: Array<[string, number]> = [
    ['Sales', report.sales.totalCents],
    ['of which tax', report.sales.taxCents],
    ['Discounts', report.sales.discountCents],
    ['Voids', report.voids.totalCents],
    ['Returns refunded', report.returns.refundCents],
    ['Opening float', report.cash.openingFloatCents],
    ['Cash taken', report.cash.cashSalesCents],
    ['Cash refunded', report.cash.cashRefundsCents],
    ['Paid in', report.cash.paidInCents],
    ['Paid out', report.cash.paidOutCents],
    ['Safe drops', report.cash.dropsCents],
    ['Expected in drawer', report.cash.expectedCashCents],
  ];
  return (
    <section className="z-report" aria-label="Z-report" data-testid="z-report">
      <h2>
        Z-report · {report.session.budtender} · {report.session.terminal}
      </h2>
      <div className="z-grid">
        <table className="figures">
          <tbody>
            {rows.map(([label, cents]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{formatCents(cents)}</td>
              </tr>
            ))}
            {report.tenders.map((t) => (
              <tr key={t.tender}>
                <th scope="row">Net {t.tender}</th>
                <td className="num">{formatCents(t.netCents)}</td>
              </tr>
            ))}
            {report.taxesByTax.map((t) => (
              <tr key={t.taxId}>
                <th scope="row">{t.name}</th>
                <td className="num">{formatCents(t.amountCents)}</td>
              </tr>
            ))}
            {report.close === null ? null : (
              <tr>
                <th scope="row">{report.close.overShortCents < 0 ? 'Short' : 'Over'}</th>
                <td className="num" data-testid="z-over-short">
                  {formatCents(Math.abs(report.close.overShortCents))}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <HourlyChart hours={report.salesByHour} />
      </div>
    </section>
  );
}
