import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import { ErrorBanner } from '../components/ErrorBanner';
import { IdRetentionPanel } from '../components/IdRetentionPanel';
import { PackageReconciliationPanel } from '../components/PackageReconciliationPanel';
import { send } from '../transport';

type Flags = CommandOutput<'compliance-flags-list'>['items'];
type OfflineReport = CommandOutput<'compliance-offline-exceptions'>;

const KINDS: Readonly<Record<string, string>> = {
  cash_over_10000: 'Cash over $10,000 in a day (CTR / Form 8300)',
  possible_structuring: 'Possible structuring',
  out_of_state_customers: 'Many out-of-state customers',
  offline_exception: 'Offline sale that would have failed',
};

/** The compliance officer's review queue: AML flags and offline exceptions, each with its citation, settled with a written resolution. */
export function ComplianceScreen() {
  const [flags, setFlags] = useState<Flags>([]);
  const [offline, setOffline] = useState<OfflineReport | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const load = useCallback(async () => {
    const [list, report] = await Promise.all([send('compliance-flags-list', { includeReviewed: false }), send('compliance-offline-exceptions', {})]);
    if (list.ok) setFlags(list.value.items);
    if (report.ok) setOffline(report.value);
    setError(!list.ok ? list.error : !report.ok ? report.error : null);
  }, []);
  useEffect(() => void load(), [load]);

  return (
    <section className="compliance-screen" aria-label="Compliance review">
      <h2>Compliance review</h2>
      <ErrorBanner error={error} />
      {offline === null ? null : (
        <p data-testid="offline-summary">
          Sales made offline: <strong>{offline.offlineSales}</strong> · re-checked with the state: <strong>{offline.reverified}</strong> · waiting for the
          state: <strong>{offline.awaitingReverification}</strong>
        </p>
      )}
      <h3>Open flags ({flags.length})</h3>
      {flags.length === 0 ? (
        <p className="muted">Nothing to review.</p>
      ) : (
        flags.map((flag) => <FlagCard key={flag.id} flag={flag} onDone={() => void load()} />)
      )}
      <PackageReconciliationPanel />
      <RulesToVerifyPanel />
      <IdRetentionPanel />
    </section>
  );
}

/** Limits and taxes shipped on the stricter reading: what the compliance officer must still confirm, with citations. */
function RulesToVerifyPanel() {
  const [report, setReport] = useState<CommandOutput<'compliance-rules-to-verify'> | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  useEffect(() => {
    void send('compliance-rules-to-verify', {}).then((r) => {
      setReport(r.ok ? r.value : null);
      setError(r.ok ? null : r.error);
    });
  }, []);
  return (
    <section aria-label="Rules to verify" data-testid="rules-to-verify">
      <h3>Rules to verify{report === null ? '' : ` (${report.state}: limits ${report.rulePack}, taxes ${report.taxTable ?? 'none'})`}</h3>
      <ErrorBanner error={error} />
      {report === null ? null : report.items.length === 0 ? (
        <p className="muted">Every rule for this state rests on the primary text.</p>
      ) : (
        <>
          <p className="muted">These apply the stricter reading until you confirm them against the primary text.</p>
          <ul>
            {report.items.map((item) => (
              <li key={`${item.kind}:${item.id}`}>
                <strong>
                  {item.kind === 'limit' ? 'Limit' : 'Tax'} {item.id}
                </strong>{' '}
                ({item.citation}): {item.note}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FlagCard({ flag, onDone }: { readonly flag: Flags[number]; readonly onDone: () => void }) {
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const details = flag.details as Record<string, unknown>;
  const resolve = async () => {
    const result = await send('compliance-flag-resolve', { flagId: flag.id, resolution });
    if (result.ok) onDone();
    else setError(result.error);
  };
  return (
    <article className="flag-card" data-testid="compliance-flag">
      <header>
        <strong>{KINDS[flag.kind] ?? flag.kind}</strong> <span className="muted">· {flag.businessDay}</span>
      </header>
      <p>{describe(details)}</p>
      <p className="muted">{flag.citation}</p>
      <div className="inline-form">
        <input
          aria-label="Resolution"
          placeholder="What was done (filed, explained, dismissed and why)"
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
        />
        <button type="button" disabled={resolution.trim() === ''} onClick={() => void resolve()}>
          Record review
        </button>
      </div>
      <ErrorBanner error={error} />
    </article>
  );
}

function describe(details: Record<string, unknown>): string {
  if (typeof details['message'] === 'string')
    return `${typeof details['saleNumber'] === 'string' ? `Sale ${details['saleNumber']}: ` : ''}${details['message']}`;
  if (typeof details['cashCents'] === 'number') return `${formatCents(details['cashCents'])} in cash over ${String(details['sales'])} sale(s).`;
  if (typeof details['checks'] === 'number') return `${String(details['outOfState'])} of ${String(details['checks'])} IDs checked were from other states.`;
  return JSON.stringify(details);
}
