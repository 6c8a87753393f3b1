import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { needsApproval, sendApproved } from '../state/approval-flow';
import { send } from '../transport';
import { ApprovalDialog, type Approval } from './ApprovalDialog';
import { ConfirmDialog } from './ConfirmDialog';

type TenderMode = CommandOutput<'tender-mode-get'>;

const timeOf = (iso: string) => new Date(iso).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/**
 * Cash-only mode, for when the debit terminal is down (issue #17, item 15):
 * the mode, who switched it, when and why, and the switch. A shift lead or a
 * manager switches it; a budtender's switch asks for a manager's PIN. The
 * core decides either way (`tender-mode-set` needs `tender.cash_only`).
 */
export function TenderModePanel() {
  const [mode, setMode] = useState<TenderMode | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [approving, setApproving] = useState(false);

  const refresh = useCallback(async () => {
    const result = await send('tender-mode-get', {});
    if (result.ok) setMode(result.value);
    else setError(result.error);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (mode === null) {
    return (
      <section className="tender-mode" aria-label="Card payments" data-testid="tender-mode">
        <h2>Card payments</h2>
        {error === null ? null : <p className="field-error">⚠ {error.message}</p>}
      </section>
    );
  }

  const target = !mode.cashOnly;
  const why = reason.trim();
  const switchTo = async (approval?: Approval) => {
    setMessage(null);
    const result = await sendApproved('tender-mode-set', { cashOnly: target, reason: why }, approval);
    if (!result.ok) {
      setError(result.error);
      if (approval === undefined && needsApproval(result.error)) setApproving(true);
      return;
    }
    setError(null);
    setReason('');
    setMessage(result.value.cashOnly ? 'Cash only: card tenders are refused until card payments are switched back on.' : 'Card payments are back on.');
    await refresh();
  };

  return (
    <section className="tender-mode" aria-label="Card payments" data-testid="tender-mode" data-cash-only={mode.cashOnly}>
      <h2>Card payments</h2>
      <p data-testid="tender-mode-state">
        <strong>{mode.cashOnly ? '⚠ Cash only — the card terminal is marked down' : '✓ Cards accepted'}</strong>
      </p>
      {mode.at === null ? (
        <p className="muted" data-testid="tender-mode-last">
          Never switched on this register.
        </p>
      ) : (
        <p className="muted" data-testid="tender-mode-last">
          {mode.cashOnly ? 'Switched to cash only' : 'Cards switched back on'} by {mode.setBy?.displayName ?? 'the system'}
          {mode.approvedBy === null ? '' : `, approved by ${mode.approvedBy.displayName}`}, {timeOf(mode.at)}: “{mode.reason}”
        </p>
      )}
      {message === null ? null : (
        <p className="notice" role="status">
          ✓ {message}
        </p>
      )}
      <p className="field-error" role="alert" data-testid="tender-mode-error">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (why !== '') setConfirming(true);
        }}
      >
        <input
          aria-label="Reason for switching card payments"
          placeholder={mode.cashOnly ? 'Why (e.g. terminal working again)' : 'Why (e.g. debit terminal down)'}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit" disabled={why === ''}>
          {mode.cashOnly ? 'Switch card payments back on' : 'Switch to cash only'}
        </button>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={target ? 'Switch to cash only?' : 'Switch card payments back on?'}
          figures={[
            { label: 'Card payments', value: target ? 'Refused (cash only)' : 'Accepted' },
            { label: 'Reason', value: why },
          ]}
          note={
            target
              ? 'Every register sale takes cash only until someone switches cards back on. The switch, your name and the time go on the day’s report.'
              : 'Card and debit tenders are accepted again. The switch, your name and the time go on the day’s report.'
          }
          confirmLabel={target ? 'Switch to cash only' : 'Switch cards back on'}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void switchTo();
          }}
        />
      ) : null}
      {approving ? (
        <ApprovalDialog
          reason={target ? 'Switching to cash only needs a shift lead or a manager.' : 'Switching card payments back on needs a shift lead or a manager.'}
          onCancel={() => setApproving(false)}
          onApprove={(approval) => {
            setApproving(false);
            void switchTo(approval);
          }}
        />
      ) : null}
    </section>
  );
}
