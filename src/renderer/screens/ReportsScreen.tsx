import { useEffect, useState } from 'react';
import type { DayReportView } from '../../shared/contract/reports';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { DepositForm } from '../components/DepositForm';
import { HourlyChart } from '../components/HourlyChart';
import { send } from '../transport';

/** The store's day on screen for managers: sales, tenders, taxes, over/short, offline sales, cash-only periods. */
export function ReportsScreen() {
  // Empty: the store's own today, decided by the core in the store's time zone.
  const [day, setDay] = useState('');
  const [report, setReport] = useState<DayReportView | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  useEffect(() => {
    // A day typed before today's report came back wins: the late answer neither replaces the typed day nor its report.
    let current = true;
    void send('report-day', day === '' ? {} : { day }).then((r) => {
      if (!current) return;
      setReport(r.ok ? r.value : null);
      if (r.ok) setDay((shown) => (shown === '' ? r.value.day : shown));
      setError(r.ok ? null : r.error);
    });
    return () => {
      current = false;
    };
  }, [day]);
  const printZ = async () => {
    const r = await send('report-z-print', {});
    setPrinted(r.ok ? `Z-report sent to ${r.value.printer}.` : null);
    setError(r.ok ? null : r.error);
  };
  const printDay = async () => {
    const r = await send('report-day-print', day === '' ? {} : { day });
    setPrinted(r.ok ? `Store day sent to ${r.value.printer}.` : null);
    setError(r.ok ? null : r.error);
  };
  return (
    <section className="reports" aria-label="Reports">
      <h1>Store day</h1>
      <div className="inline-form">
        <label className="inline-label">
          Day
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
        <button type="button" onClick={() => void printZ()}>
          Print this drawer’s Z-report
        </button>
        <button type="button" onClick={() => void printDay()}>
          Print the store day
        </button>
      </div>
      {printed === null ? null : (
        <p className="notice" role="status">
          ✓ {printed}
        </p>
      )}
      <p className="field-error" role="alert">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
      {report === null ? null : (
        <div className="z-grid" data-testid="day-report">
          <table className="figures">
            <tbody>
              <tr>
                <th scope="row">Sales ({report.sales.count})</th>
                <td>{formatCents(report.sales.totalCents)}</td>
              </tr>
              <tr>
                <th scope="row">Discounts</th>
                <td>{formatCents(report.sales.discountCents)}</td>
              </tr>
              {report.taxesByTax.map((t) => (
                <tr key={t.taxId}>
                  <th scope="row">{t.name}</th>
                  <td>{formatCents(t.amountCents)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Voids ({report.voids.count})</th>
                <td>{formatCents(report.voids.totalCents)}</td>
              </tr>
              <tr>
                <th scope="row">Returns ({report.returns.count})</th>
                <td>{formatCents(report.returns.refundCents)}</td>
              </tr>
              {report.tenders.map((t) => (
                <tr key={t.tender}>
                  <th scope="row">Net {t.tender}</th>
                  <td>{formatCents(t.netCents)}</td>
                </tr>
              ))}
              {report.overShortByBudtender.map((o) => (
                <tr key={`${o.budtender}-${o.overShortCents}`}>
                  <th scope="row">
                    {o.budtender} {o.overShortCents < 0 ? 'short' : 'over'}
                  </th>
                  <td>{formatCents(Math.abs(o.overShortCents))}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Sales made offline</th>
                <td>{report.offlineSales.length}</td>
              </tr>
              <tr>
                <th scope="row">Cash-only switches</th>
                <td>{report.cashOnlyPeriods.length}</td>
              </tr>
              {report.openingChecks.map((o, index) => (
                <tr key={`${o.terminal}-${o.at}-${index}`} data-testid="day-opening-check">
                  <th scope="row">
                    Opening check, {o.terminal} {o.at.slice(11, 16)} UTC
                  </th>
                  <td className={`check-${o.overall}`}>
                    {o.overall}
                    {o.notGreen.length > 0 ? ` (${o.notGreen.map((n) => n.label).join(', ')})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <HourlyChart hours={report.salesByHour} />
        </div>
      )}
      <DepositForm day={day} />
    </section>
  );
}
