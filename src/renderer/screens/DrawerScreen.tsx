import { useEffect, useRef, useState } from 'react';
import { formatCents } from '../../shared/money';
import { ApprovalDialog, type Approval } from '../components/ApprovalDialog';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { anythingCounted, countedTotal, DenominationGrid, type Counts } from '../components/DenominationGrid';
import { DevicesPanel } from '../components/DevicesPanel';
import { HeldCartsPanel } from '../components/HeldCartsPanel';
import { TenderModePanel } from '../components/TenderModePanel';
import { ZReportPanel } from '../components/ZReportPanel';
import { needsApproval } from '../state/approval-flow';
import { useDrawer } from '../state/drawer-store';
import { dollarsToCents } from '../money-input';

type Movement = 'drop' | 'out' | 'in';
const MOVEMENTS: readonly { readonly value: Movement; readonly label: string }[] = [
  { value: 'drop', label: 'Drop to the safe' },
  { value: 'out', label: 'Paid out (cash for a store expense)' },
  { value: 'in', label: 'Paid in (cash added, e.g. change from the safe)' },
];

/** Open with a counted float, drop to the safe, paid in and out, no-sale, blind count, close; cash-only mode when the card terminal is down. */
export function DrawerScreen() {
  const drawer = useDrawer();
  const [counts, setCounts] = useState<Counts>({});
  const [debit, setDebit] = useState('');
  const [reason, setReason] = useState('');
  const [explanation, setExplanation] = useState('');
  const [movement, setMovement] = useState<Movement>('drop');
  const [movementAmount, setMovementAmount] = useState('');
  const [movementReason, setMovementReason] = useState('');
  const [pending, setPending] = useState<{ reason: string; run: (approval: Approval) => Promise<void> } | null>(null);
  /** The irreversible step waiting for the budtender's confirmation. */
  const [confirming, setConfirming] = useState<'count' | 'close' | null>(null);
  /** Said here, not sent: a count with nothing entered. */
  const [notice, setNotice] = useState<string | null>(null);

  const { load } = drawer;
  useEffect(() => {
    void load();
  }, [load]);

  const lastAction = useRef<{ reason: string; run: (approval: Approval) => Promise<void> } | null>(null);
  useEffect(() => {
    // The core said one more person's PIN would let the last action through: ask for it, once.
    if (drawer.error !== null && needsApproval(drawer.error) && lastAction.current !== null) {
      setPending(lastAction.current);
      lastAction.current = null;
    }
  }, [drawer.error]);

  // A refusal is said where the budtender is looking: the screen scrolls back to it.
  const errorLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (drawer.error !== null) errorLine.current?.scrollIntoView({ block: 'nearest' });
  }, [drawer.error]);

  const session = drawer.session;
  return (
    <section className="drawer" aria-label="Drawer">
      <h1>Drawer</h1>
      {drawer.message === null ? null : (
        <p className="notice" role="status">
          ✓ {drawer.message}
        </p>
      )}
      <p className="field-error" role="alert" data-testid="drawer-error" ref={errorLine}>
        {drawer.error === null ? '' : `⚠ ${drawer.error.message}`}
      </p>
      {session === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void drawer.open({ ...counts }).then(() => setCounts({}));
          }}
        >
          <DenominationGrid label="Count the starting float" counts={counts} onChange={setCounts} />
          <button type="submit" className="primary">
            Open drawer
          </button>
        </form>
      ) : (
        <>
          <HeldCartsPanel refreshKey={drawer.error === null ? 0 : 1} />
          <p data-testid="drawer-session">
            {session.budtender}'s drawer · float {formatCents(session.openingFloatCents)} · {session.status === 'open' ? 'open' : 'counted, waiting to close'}
          </p>
          {session.status === 'open' ? (
            <>
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  const run = async (approval?: Approval) => drawer.noSale(reason, approval);
                  lastAction.current = { reason: 'Opening the drawer without a sale needs a manager.', run };
                  void run().then(() => setReason(''));
                }}
              >
                <input aria-label="No-sale reason" placeholder="Reason for opening without a sale" value={reason} onChange={(e) => setReason(e.target.value)} />
                <button type="submit" disabled={reason.trim() === ''}>
                  No sale
                </button>
              </form>
              <form
                className="inline-form cash-movement"
                aria-label="Cash in or out"
                onSubmit={(e) => {
                  e.preventDefault();
                  const amountCents = dollarsToCents(movementAmount);
                  if (amountCents === null || amountCents <= 0) return;
                  const kind = movement;
                  const why = movementReason;
                  const run = async (approval?: Approval) => (kind === 'drop' ? drawer.drop(amountCents, why) : drawer.paid(kind, amountCents, why, approval));
                  lastAction.current = { reason: `A paid-${kind === 'in' ? 'in' : 'out'} needs a lead or a manager.`, run };
                  void run().then(() => {
                    setMovementAmount('');
                    setMovementReason('');
                  });
                }}
              >
                <select aria-label="Kind of cash movement" value={movement} onChange={(e) => setMovement(e.target.value as Movement)}>
                  {MOVEMENTS.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
                <input
                  aria-label="Amount ($)"
                  inputMode="decimal"
                  placeholder="Amount $"
                  value={movementAmount}
                  onChange={(e) => setMovementAmount(e.target.value.replace(/[^\d.]/g, ''))}
                />
                <input aria-label="Movement reason" placeholder="Reason" value={movementReason} onChange={(e) => setMovementReason(e.target.value)} />
                <button type="submit" disabled={(dollarsToCents(movementAmount) ?? 0) <= 0 || movementReason.trim() === ''}>
                  Record and open drawer
                </button>
              </form>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  // A count is recorded for good: nothing entered is a tap too soon, not an empty drawer.
                  if (!anythingCounted(counts)) {
                    setNotice('Nothing is counted yet: enter how many of each note and coin are in the drawer (0 where there are none), then submit.');
                    return;
                  }
                  setNotice(null);
                  setConfirming('count');
                }}
              >
                <DenominationGrid
                  label="Blind count: count the cash before you see what is expected"
                  counts={counts}
                  onChange={(next) => {
                    setNotice(null);
                    setCounts(next);
                  }}
                />
                <label className="inline-label">
                  Debit slips total ($)
                  <input inputMode="decimal" value={debit} onChange={(e) => setDebit(e.target.value.replace(/[^\d.]/g, ''))} />
                </label>
                <div className="submit-row">
                  <button type="submit" className="primary">
                    Submit count
                  </button>
                  <p className="field-error" role="alert" data-testid="count-error">
                    {notice === null ? '' : `⚠ ${notice}`}
                  </p>
                </div>
              </form>
            </>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                setConfirming('close');
              }}
            >
              {drawer.countResult === null ? null : (
                <dl className="count-result" data-testid="count-result">
                  <dt>Counted</dt>
                  <dd>{formatCents(drawer.countResult.countedCashCents)}</dd>
                  <dt>Expected</dt>
                  <dd>{formatCents(drawer.countResult.expectedCashCents)}</dd>
                  <dt>{drawer.countResult.overShortCents < 0 ? 'Short' : 'Over'}</dt>
                  <dd>{formatCents(Math.abs(drawer.countResult.overShortCents))}</dd>
                </dl>
              )}
              <label>
                What happened (required when over or short)
                <textarea value={explanation} onChange={(e) => setExplanation(e.target.value)} rows={3} />
              </label>
              <button type="submit" className="primary">
                Close drawer
              </button>
            </form>
          )}
        </>
      )}
      {drawer.message === null || session?.status === 'open' ? null : <ZReportPanel refreshKey={drawer.message.length + (session?.status.length ?? 0)} />}
      <TenderModePanel />
      <DevicesPanel />
      {confirming === 'count' ? (
        <ConfirmDialog
          title="Record this count?"
          figures={[
            { label: 'Cash counted', value: formatCents(countedTotal(counts)) },
            { label: 'Debit slips', value: formatCents(dollarsToCents(debit) ?? 0) },
          ]}
          warning={countedTotal(counts) === 0 ? 'This records an empty drawer: no cash at all.' : undefined}
          note="A count is recorded for good: it cannot be changed. The expected amount shows once it is recorded."
          confirmLabel="Record count"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void drawer.count({ ...counts }, dollarsToCents(debit) ?? 0).then(() => {
              setCounts({});
              setDebit('');
            });
          }}
        />
      ) : null}
      {confirming === 'close' ? (
        <ConfirmDialog
          title="Close the drawer?"
          figures={
            drawer.countResult === null
              ? []
              : [
                  { label: 'Counted', value: formatCents(drawer.countResult.countedCashCents) },
                  { label: 'Expected', value: formatCents(drawer.countResult.expectedCashCents) },
                  {
                    label: drawer.countResult.overShortCents < 0 ? 'Short' : 'Over',
                    value: formatCents(Math.abs(drawer.countResult.overShortCents)),
                  },
                  ...(explanation.trim() === '' ? [] : [{ label: 'What happened', value: explanation.trim() }]),
                ]
          }
          note="The session closes and locks with these figures; they go on the Z-report."
          confirmLabel="Close and lock the drawer"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            const run = async (approval?: Approval) => drawer.close(explanation, approval);
            lastAction.current = { reason: 'The drawer is over or short: a manager must approve the close.', run };
            void run();
          }}
        />
      ) : null}
      {pending === null ? null : (
        <ApprovalDialog
          reason={pending.reason}
          onCancel={() => setPending(null)}
          onApprove={(approval) => {
            const action = pending;
            setPending(null);
            void action.run(approval);
          }}
        />
      )}
    </section>
  );
}
