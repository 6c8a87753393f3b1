import { useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { formatMilligrams } from '../../shared/money';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

type Reconciliation = CommandOutput<'packages-reconcile'>;

const amount = (quantity: number, unit: 'each' | 'mg'): string => (unit === 'mg' ? formatMilligrams(quantity) : `${quantity} each`);
const signed = (quantity: number, unit: 'each' | 'mg'): string => `${quantity > 0 ? '+' : ''}${amount(quantity, unit)}`;

/**
 * "Does Metrc agree with our shelves?" on demand, for the manager and the
 * compliance officer: the register's packages against Metrc's active ones.
 * Read-only — a difference is corrected by a person with an adjustment that
 * Metrc also receives; the run itself is audited.
 */
export function PackageReconciliationPanel() {
  const [report, setReport] = useState<Reconciliation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const run = async () => {
    setBusy(true);
    const result = await send('packages-reconcile', {});
    setBusy(false);
    setError(result.ok ? null : result.error);
    if (result.ok) setReport(result.value);
  };
  const c = report?.counts;
  return (
    <section className="reconciliation" aria-label="Stock against Metrc" aria-busy={busy}>
      <h3>Stock against Metrc</h3>
      <button type="button" disabled={busy} onClick={() => void run()}>
        {busy ? 'Asking Metrc…' : 'Check stock against Metrc'}
      </button>
      <ErrorBanner error={error} />
      {report === null || c === undefined ? null : (
        <>
          <p data-testid="reconciliation-summary">
            {c.inBoth === c.matching && c.quantityMismatches + c.unitMismatches + c.missingLocally + c.notActiveInMetrc + c.onHoldInMetrc === 0
              ? `✓ Metrc agrees: ${c.matching} packages match.`
              : `⚠ ${c.matching} of ${c.inBoth} shared packages match; ${c.quantityMismatches} differ in quantity, ${c.unitMismatches} in unit, ${c.missingLocally} are in Metrc but not received here, ${c.notActiveInMetrc} have stock here but are not active in Metrc, ${c.onHoldInMetrc} are on hold in Metrc.`}{' '}
            <span className="muted">
              Licence {report.licenseNumber}, {new Date(report.ranAt).toLocaleString()}.
              {c.undeliveredSyncItems > 0 ? ` ${c.undeliveredSyncItems} sync items have not reached Metrc yet and may explain differences.` : ''}
            </span>
          </p>
          <Rows
            title="Quantity differs (register − Metrc)"
            total={c.quantityMismatches}
            rows={report.quantityMismatches.map((r) => [
              r.tag,
              r.productName,
              `${amount(r.localQuantity, r.unit)} here, ${amount(r.metrcQuantity, r.unit)} in Metrc (${signed(r.difference, r.unit)})${r.undeliveredSyncItems > 0 ? `; ${r.undeliveredSyncItems} not yet sent` : ''}`,
            ])}
          />
          <Rows title="Unit differs" total={c.unitMismatches} rows={report.unitMismatches.map((r) => [r.tag, r.productName, r.problem])} />
          <Rows
            title="Stock here, not active in Metrc (Metrc would refuse its sale)"
            total={c.notActiveInMetrc}
            rows={report.notActiveInMetrc.map((r) => [r.tag, r.productName, amount(r.localQuantity, r.unit)])}
          />
          <Rows
            title="On hold in Metrc"
            total={c.onHoldInMetrc}
            rows={report.onHoldInMetrc.map((r) => [r.tag, r.productName, amount(r.localQuantity, r.unit)])}
          />
          <Rows
            title="In Metrc, never received here"
            total={c.missingLocally}
            rows={report.missingLocally.map((r) => [r.tag, r.itemName, `${r.metrcQuantity} ${r.metrcUnitOfMeasure}${r.onHold ? ', on hold' : ''}`])}
          />
        </>
      )}
    </section>
  );
}

function Rows({ title, total, rows }: { readonly title: string; readonly total: number; readonly rows: ReadonlyArray<readonly [string, string, string]> }) {
  if (total === 0) return null;
  return (
    <table className="figures" aria-label={title}>
      <caption>
        {title}: {total}
        {rows.length < total ? ` (first ${rows.length} shown; the support command lists all)` : ''}
      </caption>
      <tbody>
        {rows.map(([tag, name, detail]) => (
          <tr key={tag} data-testid="reconciliation-row">
            <td className="tag">{tag}</td>
            <td>{name}</td>
            <td>{detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
