import { deadlineRisk, type ReportingDeadline } from '../sync/reporting-deadlines';

/**
 * The conditions staff are alerted to (issue #21), as pure rules over what
 * the register knows. Each condition names its occurrence in `key`, so it is
 * raised once however often it is checked: an order once per deadline, the
 * state backlog once per episode (its oldest waiting item) and risk level
 * (close to the deadline, then past it), a drawer once per session.
 */
export const staffAlertKinds = ['order_overdue', 'sync_deadline', 'drawer_open'] as const;
export type StaffAlertKind = (typeof staffAlertKinds)[number];

export interface AlertCondition {
  readonly kind: StaffAlertKind;
  readonly key: string;
  readonly title: string;
  readonly detail: string;
}

const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

/** A new online order not accepted by the platform's deadline (Leafly cancels it 15 min after it arrived). */
export function overdueOrderAlerts(
  orders: ReadonlyArray<{ readonly id: string; readonly platform: string; readonly platformOrderId: string; readonly acceptBy: Date }>,
  now: Date,
): AlertCondition[] {
  return orders
    .filter((o) => o.acceptBy.getTime() < now.getTime())
    .map((o) => ({
      kind: 'order_overdue',
      key: `order_overdue:${o.id}:${o.acceptBy.getTime()}`,
      title: `Online order ${o.platformOrderId} (${o.platform}) is waiting past its deadline`,
      detail: `Not accepted ${minutes(now.getTime() - o.acceptBy.getTime())} min after its deadline: accept or reject it on the Orders screen (F11).`,
    }));
}

/** The state lane's backlog close to (¾ of the time) or past the state's reporting deadline. */
export function syncDeadlineAlert(
  deadline: ReportingDeadline,
  backlog: { readonly pending: number; readonly oldestPendingAt: Date | null },
  now: Date,
): AlertCondition | null {
  const risk = deadlineRisk(deadline, backlog.oldestPendingAt, now);
  if (risk === 'ok' || backlog.oldestPendingAt === null) return null;
  const hours = ((now.getTime() - backlog.oldestPendingAt.getTime()) / 3_600_000).toFixed(1);
  const rule = `${deadline.state} allows ${deadline.hours} h${deadline.verify ? ' (⚠ verify)' : ''}: ${deadline.citation}`;
  return {
    kind: 'sync_deadline',
    key: `sync_deadline:${backlog.oldestPendingAt.getTime()}:${risk}`,
    title: risk === 'overdue' ? 'Sales are past the state’s reporting deadline' : 'Sales are close to the state’s reporting deadline',
    detail: `${backlog.pending} item(s) waiting for the state system, the oldest ${hours} h old. ${rule}`,
  };
}

/**
 * A drawer still open (not closed) after the store's closing time on the
 * business day it was opened — or on any earlier day. `closesAtOf(day)` is
 * that day's closing instant (store-local time, by the caller's calendar).
 */
export function openDrawerAlerts(
  sessions: ReadonlyArray<{ readonly id: string; readonly terminal: string; readonly staff: string; readonly businessDay: string }>,
  closesAtOf: (businessDay: string) => Date,
  now: Date,
): AlertCondition[] {
  return sessions
    .filter((s) => closesAtOf(s.businessDay).getTime() <= now.getTime())
    .map((s) => ({
      kind: 'drawer_open',
      key: `drawer_open:${s.id}`,
      title: `A drawer is still open after close (${s.terminal})`,
      detail: `${s.staff}'s drawer from ${s.businessDay} is not closed: count and close it on the Drawer screen.`,
    }));
}
