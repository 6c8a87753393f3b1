import { useCallback, useEffect, useRef, useState } from 'react';
import type { CountBlindView, VarianceReport } from '../../shared/contract/counts';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents, formatMilligrams } from '../../shared/money';
import { gramsToMilligrams } from '../money-input';
import { needsApproval, sendApproved } from '../state/approval-flow';
import { useScans } from '../state/scan-store';
import { useSession } from '../state/session-store';
import { send } from '../transport';
import { ApprovalDialog, type Approval } from './ApprovalDialog';
import { ErrorBanner } from './ErrorBanner';

const amount = (unit: 'each' | 'mg' | null, n: number) => (unit === 'mg' ? formatMilligrams(n) : String(n));

/**
 * A blind stock count: scan (or type) each package tag in the area; weighed
 * packages take the scale reading. The counter never sees the register's
 * quantities: after submitting, the register only says which tags to count
 * again. A lead or manager then reads the variance report and approves each
 * variance as an adjustment with Metrc's own reason (or dismisses it).
 */
export function CountPanel() {
  const { session } = useSession();
  const canAdjust = session?.permissions.includes('inventory.adjust') ?? false;
  const [count, setCount] = useState<CountBlindView | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [area, setArea] = useState('Sales floor');
  const [tag, setTag] = useState('');
  const [weighing, setWeighing] = useState<string | null>(null);
  const [reading, setReading] = useState('');
  const [report, setReport] = useState<VarianceReport | null>(null);
  const load = useCallback(async () => {
    const result = await send('count-view', {});
    if (result.ok) setCount(result.value.count);
    else setError(result.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const answer = (result: { ok: true; value: CountBlindView } | { ok: false; error: AppErrorValue }, scanned?: string) => {
    if (result.ok) {
      setCount(result.value);
      setError(null);
      return;
    }
    if (result.error.code === 'COUNT_NEEDS_WEIGHT' && scanned !== undefined) {
      setWeighing(scanned);
      setReading('');
      setError(null);
      return;
    }
    setError(result.error);
  };
  const countRef = useRef(count);
  countRef.current = count;
  const scan = useCallback(async (scanned: string) => {
    const current = countRef.current;
    if (current === null || current.status !== 'counting') return;
    answer(await send('count-scan', { countId: current.id, tag: scanned }), scanned.trim().toUpperCase());
  }, []);
  // Hardware and wedge scans on this screen come here (App routes them as 'count').
  const pending = useScans((s) => s.pending);
  useEffect(() => {
    if (pending === null || pending.kind !== 'count') return;
    useScans.getState().taken(pending.id);
    void scan(pending.data);
  }, [pending, scan]);

  if (count === null)
    return (
      <section className="count-panel" aria-label="Stock count">
        <h3>Stock count</h3>
        <ErrorBanner error={error} />
        <label>
          Room or area <input value={area} maxLength={60} onChange={(e) => setArea(e.target.value)} />
        </label>{' '}
        <button type="button" className="primary" disabled={area.trim() === ''} onClick={() => void send('count-start', { area }).then((r) => answer(r))}>
          Start a blind count
        </button>
      </section>
    );
  const weightMg = gramsToMilligrams(reading);
  return (
    <section className="count-panel" aria-label="Stock count">
      <h3>
        Stock count: {count.area}{' '}
        <span className="muted">({count.status === 'counting' ? 'counting' : count.status === 'review' ? 'submitted' : 'closed'})</span>
      </h3>
      <ErrorBanner error={error} />
      {count.status === 'counting' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const t = tag;
            setTag('');
            void scan(t);
          }}
        >
          <label>
            Scan or type a package tag <input aria-label="Package tag" data-scan-field="" value={tag} onChange={(e) => setTag(e.target.value)} autoFocus />
          </label>
        </form>
      ) : null}
      {weighing === null ? null : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (weightMg === null) return;
            void send('count-scan', { countId: count.id, tag: weighing, weightMg }).then((r) => answer(r));
            setWeighing(null);
          }}
        >
          <label>
            {weighing} is sold by weight: scale reading (g){' '}
            <input aria-label="Scale reading in grams" value={reading} inputMode="decimal" onChange={(e) => setReading(e.target.value)} autoFocus />
          </label>
          <button type="submit" disabled={weightMg === null}>
            Enter weight
          </button>
        </form>
      )}
      <table className="figures" data-testid="count-lines">
        <thead>
          <tr>
            <th>Tag</th>
            <th>Product</th>
            <th>Counted</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {count.lines.map((line) => (
            <tr key={line.tag} data-testid="count-line" data-tag={line.tag}>
              <td className="tag">{line.tag}</td>
              <td>{line.unknown ? <strong>Unknown tag (kept for the report)</strong> : line.productName}</td>
              <td>{amount(line.unit, line.counted)}</td>
              <td>
                {line.recountWanted && count.status === 'review' ? (
                  <RecountForm countId={count.id} line={line} onDone={answer} />
                ) : line.recounted ? (
                  'recounted'
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {count.status === 'counting' ? (
        <button
          type="button"
          className="primary"
          disabled={count.lines.length === 0}
          onClick={() => void send('count-submit', { countId: count.id }).then((r) => answer(r))}
        >
          Finish counting ({count.lines.length} tags)
        </button>
      ) : null}
      {count.status === 'review' && canAdjust ? (
        <button type="button" onClick={() => void send('count-report', { countId: count.id }).then((r) => (r.ok ? setReport(r.value) : setError(r.error)))}>
          Variance report
        </button>
      ) : null}
      {report === null ? null : (
        <VarianceTable
          report={report}
          onChanged={async () => {
            const r = await send('count-report', { countId: report.id });
            if (r.ok) setReport(r.value);
          }}
          onClosed={() => {
            setReport(null);
            setCount(null);
          }}
        />
      )}
    </section>
  );
}

function RecountForm({
  countId,
  line,
  onDone,
}: {
  readonly countId: string;
  readonly line: CountBlindView['lines'][number];
  readonly onDone: (r: { ok: true; value: CountBlindView } | { ok: false; error: AppErrorValue }) => void;
}) {
  const [value, setValue] = useState('');
  const parsed = line.unit === 'mg' ? gramsToMilligrams(value) : /^\d{1,6}$/.test(value.trim()) ? Number(value) : null;
  return (
    <form
      className="recount"
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed === null) return;
        void send('count-recount', { countId, tag: line.tag, ...(line.unit === 'mg' ? { weightMg: parsed } : { units: parsed }) }).then(onDone);
      }}
    >
      <input aria-label={`Recount ${line.tag} (${line.unit === 'mg' ? 'grams' : 'units'})`} value={value} size={6} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={parsed === null}>
        Count again
      </button>
    </form>
  );
}

function VarianceTable({
  report,
  onChanged,
  onClosed,
}: {
  readonly report: VarianceReport;
  readonly onChanged: () => Promise<void>;
  readonly onClosed: () => void;
}) {
  const [reasons, setReasons] = useState<ReadonlyArray<{ name: string; requiresNote: boolean }>>([]);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [asking, setAsking] = useState<{ tag: string; metrcReason: string; note: string } | null>(null);
  useEffect(() => {
    void send('count-adjust-reasons', {}).then((r) => (r.ok ? setReasons(r.value.reasons) : undefined));
  }, []);
  const approve = async (input: { tag: string; metrcReason: string; note: string }, approver?: Approval) => {
    const result = await sendApproved('count-approve', { countId: report.id, ...input }, approver);
    if (!result.ok) {
      if (needsApproval(result.error) && approver === undefined) setAsking(input);
      else setError(result.error);
      return;
    }
    setError(null);
    await onChanged();
  };
  const variances = report.lines.filter((l) => l.decision !== 'none');
  return (
    <div className="variance-report" data-testid="variance-report">
      <h4>Variance report</h4>
      <p className="muted">
        {report.metrc.note} Above {formatCents(report.approvalThresholdCents)} a manager approves.
      </p>
      <ErrorBanner error={error} />
      <table className="figures">
        <thead>
          <tr>
            <th>Tag</th>
            <th>Product</th>
            <th>Register</th>
            <th>Counted</th>
            <th>Metrc</th>
            <th>Variance</th>
            <th>Value</th>
            <th>Decision</th>
          </tr>
        </thead>
        <tbody>
          {variances.map((line) => (
            <tr key={line.tag} data-testid="variance-line" data-tag={line.tag}>
              <td className="tag">{line.tag}</td>
              <td>{line.unknown ? 'Unknown tag' : line.productName}</td>
              <td>{line.register === null ? '—' : amount(line.unit, line.register)}</td>
              <td>{amount(line.unit, line.counted)}</td>
              <td>{line.metrc === null ? '—' : amount(line.unit, line.metrc)}</td>
              <td>{line.variance === null ? '—' : amount(line.unit, line.variance)}</td>
              <td>{line.varianceValueCents === null ? '—' : formatCents(line.varianceValueCents)}</td>
              <td>
                {line.decision === 'pending' ? (
                  <DecisionForm
                    line={line}
                    reasons={reasons}
                    onApprove={(input) => void approve(input)}
                    countId={report.id}
                    onDismissed={onChanged}
                    onError={setError}
                  />
                ) : (
                  `${line.decision}${line.metrcReason === null ? '' : ` (${line.metrcReason})`}${line.note === null ? '' : `: ${line.note}`}`
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="primary"
        disabled={variances.some((l) => l.decision === 'pending')}
        onClick={() => void send('count-close', { countId: report.id }).then((r) => (r.ok ? onClosed() : setError(r.error)))}
      >
        Close the count
      </button>
      {asking === null ? null : (
        <ApprovalDialog
          reason="This adjustment is above the store's threshold: a manager approves it."
          onApprove={(approver) => {
            const input = asking;
            setAsking(null);
            void approve(input, approver);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}

function DecisionForm({
  line,
  reasons,
  countId,
  onApprove,
  onDismissed,
  onError,
}: {
  readonly line: VarianceReport['lines'][number];
  readonly reasons: ReadonlyArray<{ name: string; requiresNote: boolean }>;
  readonly countId: string;
  readonly onApprove: (input: { tag: string; metrcReason: string; note: string }) => void;
  readonly onDismissed: () => Promise<void>;
  readonly onError: (e: AppErrorValue) => void;
}) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  return (
    <div className="decision">
      {line.unknown ? null : reasons.length > 0 ? (
        <select aria-label={`Metrc reason for ${line.tag}`} value={reason} onChange={(e) => setReason(e.target.value)}>
          <option value="">Metrc reason…</option>
          {reasons.map((r) => (
            <option key={r.name} value={r.name}>
              {r.name}
              {r.requiresNote ? ' (note)' : ''}
            </option>
          ))}
        </select>
      ) : (
        <input aria-label={`Metrc reason for ${line.tag}`} placeholder="Metrc reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      )}
      <input aria-label={`Note for ${line.tag}`} placeholder="Note" value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
      {line.unknown ? null : (
        <button type="button" disabled={reason === ''} onClick={() => onApprove({ tag: line.tag, metrcReason: reason, note })}>
          Approve adjustment
        </button>
      )}
      <button
        type="button"
        disabled={note.trim() === ''}
        onClick={() =>
          void send('count-dismiss', { countId, tag: line.tag, note }).then(async (r) => {
            if (r.ok) await onDismissed();
            else onError(r.error);
          })
        }
      >
        Dismiss
      </button>
    </div>
  );
}
