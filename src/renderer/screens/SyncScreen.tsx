import { useEffect, useState } from 'react';
import type { DeadLetter, SyncLaneStatus } from '../../shared/contract/sync';
import type { AppErrorValue } from '../../shared/errors';
import { ErrorBanner } from '../components/ErrorBanner';
import { MenuSettingsForm } from '../components/MenuSettingsForm';
import { IncidentsPanel } from '../components/IncidentsPanel';
import { MetrcSettingsForm } from '../components/MetrcSettingsForm';
import { StoreServerPanel } from '../components/StoreServerPanel';
import { ageText, useSync } from '../state/sync-store';

const KINDS: Readonly<Record<string, string>> = {
  'receipt.create': 'Sale receipt',
  'receipt.void': 'Void',
  'receipt.return': 'Return',
  'inventory.adjust': 'Stock change',
  'package.adjust': 'Package adjustment',
  'transfer.receive': 'Delivery receipt (to do in Metrc)',
};
const RISK: Readonly<Record<string, string>> = { ok: 'On time', at_risk: 'Deadline at risk', overdue: 'Deadline passed' };

/** Per destination: what waits and since when, deadlines, and the items a destination refused, with what staff can do. */
export function SyncScreen() {
  const { status, error } = useSync();
  useAgesTicking();
  if (status === null) return <p className="muted">Reading the sync queue…</p>;
  return (
    <section className="sync-screen" aria-label="Sync status">
      <ErrorBanner error={error} />
      <h2>Sync</h2>
      <table className="figures sync-lanes">
        <thead>
          <tr>
            <th>Destination</th>
            <th>Connection</th>
            <th>Waiting</th>
            <th>Oldest waiting</th>
            <th>Last sent</th>
            <th>Reporting deadline</th>
          </tr>
        </thead>
        <tbody>
          {status.lanes.map((lane) => (
            <LaneRow key={lane.destination} lane={lane} />
          ))}
        </tbody>
      </table>
      <h3>Refused by the destination</h3>
      {status.lanes
        .filter((lane) => lane.dead > 1)
        .map((lane) => (
          <RetryLane key={lane.destination} lane={lane} />
        ))}
      {status.deadLetters.length === 0 ? <p className="muted">Nothing refused.</p> : status.deadLetters.map((d) => <DeadLetterCard key={d.itemId} item={d} />)}
      <StoreServerPanel />
      <MetrcSettingsForm />
      <MenuSettingsForm />
      <IncidentsPanel />
    </section>
  );
}

function LaneRow({ lane }: { readonly lane: SyncLaneStatus }) {
  const connection = !lane.configured ? 'Not set up' : lane.online === true ? '✓ Online' : lane.online === false ? '⚠ Offline' : 'Connecting…';
  return (
    <tr data-testid={`lane-${lane.destination}`}>
      <td>{lane.label}</td>
      <td>
        {connection}
        {lane.online === false && lane.lastError !== null ? <div className="muted">{lane.lastError}</div> : null}
      </td>
      <td>
        {lane.pending}
        {lane.held > 0 ? <span className="muted"> ({lane.held} held)</span> : null}
      </td>
      <td>{ageText(lane.oldestPendingAt)}</td>
      <td>{lane.lastSuccessAt === null ? '—' : new Date(lane.lastSuccessAt).toLocaleTimeString()}</td>
      <td className={lane.deadline !== null && lane.deadline.risk !== 'ok' ? 'sync-risk' : undefined}>
        {lane.deadline === null ? '—' : `${RISK[lane.deadline.risk] ?? lane.deadline.risk} (${lane.deadline.hours} h)`}
      </td>
    </tr>
  );
}

/** One action for a whole lane's refusals: a wrong key or secret parks every item, and they are all fixed at once. */
function RetryLane({ lane }: { readonly lane: SyncLaneStatus }) {
  const { retryLane } = useSync();
  const [error, setError] = useState<AppErrorValue | null>(null);
  return (
    <div className="inline-form" data-testid={`retry-lane-${lane.destination}`}>
      <button type="button" onClick={() => void retryLane(lane.destination).then(setError)}>
        Retry all {lane.dead} refused for {lane.label}
      </button>
      <span className="muted">after fixing what they all failed on (e.g. the keys or the secret)</span>
      <ErrorBanner error={error} />
    </div>
  );
}

function DeadLetterCard({ item }: { readonly item: DeadLetter }) {
  const { retry, resolve } = useSync();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  return (
    <article className="dead-letter" data-testid="dead-letter">
      <header>
        <strong>{KINDS[item.kind] ?? item.kind}</strong> {item.saleNumber === null ? null : <span className="tag">{item.saleNumber}</span>}
        <span className="muted"> · {item.attempts === 1 ? '1 attempt' : `${item.attempts} attempts`}</span>
      </header>
      <p className="dead-letter-error">{item.error}</p>
      <div className="inline-form">
        <button type="button" onClick={() => void retry(item.itemId).then(setError)}>
          Retry after fixing
        </button>
        <input
          aria-label="Reason (what was done instead)"
          placeholder="e.g. Entered on the Metrc site by hand"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="button" disabled={reason.trim() === ''} onClick={() => void resolve(item.itemId, reason).then(setError)}>
          Mark resolved
        </button>
      </div>
      <ErrorBanner error={error} />
    </article>
  );
}

/**
 * "Oldest waiting" is an age on this screen's clock: with the core's pushes
 * the status is read only when it changes (issue #19), so the screen redraws
 * the ages itself every 30 s, without asking the core.
 */
function useAgesTicking(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
}
