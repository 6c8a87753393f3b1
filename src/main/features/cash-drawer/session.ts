import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { formatCents } from '../../../shared/money';
import { appendAudit } from '../../platform/audit/log';
import { drawerMovements, drawerSessions, type DenominationCount } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { countTotal } from './denominations';
import { expectedCash } from './expected';

type Reader = RegisterDb | RegisterTx;
export type DrawerSession = typeof drawerSessions.$inferSelect;

/** The terminal's drawer session that is still taking money, if any. */
export function activeDrawerSession(db: Reader, terminalId: string): DrawerSession | undefined {
  return openSessionOf(db).get({ terminalId });
}

// Every sale asks it: prepared once per connection (issue #18).
const openSessionOf = preparedOnce((db) =>
  db
    .select()
    .from(drawerSessions)
    .where(and(eq(drawerSessions.terminalId, sql.placeholder('terminalId')), eq(drawerSessions.status, 'open')))
    .prepare(),
);

export function requireActiveDrawerSession(db: Reader, terminalId: string): DrawerSession {
  const session = activeDrawerSession(db, terminalId);
  if (session === undefined) throw new AppError('DRAWER_NOT_OPEN', 'Open the drawer (count the starting float) before taking or giving back money.');
  return session;
}

/** Opens a drawer with a counted float. One drawer per terminal until it is closed. */
export function openDrawer(db: RegisterDb, input: { terminalId: string; staffId: string; count: DenominationCount; now: Date }): DrawerSession {
  return writeTransaction(db, (tx) => {
    const existing = tx
      .select()
      .from(drawerSessions)
      .where(and(eq(drawerSessions.terminalId, input.terminalId), inArray(drawerSessions.status, ['open', 'counted'])))
      .get();
    if (existing !== undefined) throw new AppError('DRAWER_ALREADY_OPEN', 'This terminal already has a drawer open — close it before opening another.');
    const session: DrawerSession = {
      id: randomUUID(),
      terminalId: input.terminalId,
      staffId: input.staffId,
      status: 'open',
      openingFloatCents: countTotal(input.count),
      openingCount: input.count,
      openedAt: input.now,
    };
    tx.insert(drawerSessions).values(session).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'drawer.open',
      entityType: 'drawer_session',
      entityId: session.id,
      after: { floatCents: session.openingFloatCents, count: input.count },
    });
    return session;
  });
}

export type MovementKind = 'drop' | 'paid_in' | 'paid_out' | 'no_sale';

/**
 * Cash moved outside a sale. Drops and paid-outs cannot take more cash than
 * the drawer should hold; a no-sale open moves nothing but needs a reason.
 */
export function recordMovement(
  db: RegisterDb,
  input: { terminalId: string; staffId: string; kind: MovementKind; amountCents: number; reason: string; approvedBy: string | null; now: Date },
): { movementId: string } {
  return writeTransaction(db, (tx) => {
    const session = requireActiveDrawerSession(tx, input.terminalId);
    if (input.reason.trim() === '') throw new AppError('REASON_REQUIRED', 'Give a reason for opening the drawer or moving cash.');
    const amount = input.kind === 'no_sale' ? 0 : input.amountCents;
    if (input.kind !== 'no_sale' && (!Number.isSafeInteger(amount) || amount <= 0)) throw new AppError('AMOUNT_INVALID', 'Enter an amount above $0.00.');
    if (input.kind === 'drop' || input.kind === 'paid_out') {
      const available = expectedCash(tx, session).expectedCashCents;
      if (amount > available) throw new AppError('DRAWER_SHORT_FOR_MOVEMENT', `The drawer should hold only ${formatCents(available)}.`);
    }
    const movementId = randomUUID();
    tx.insert(drawerMovements)
      .values({
        id: movementId,
        sessionId: session.id,
        kind: input.kind,
        amountCents: amount,
        reason: input.reason.trim(),
        staffId: input.staffId,
        approvedBy: input.approvedBy,
        at: input.now,
      })
      .run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: `drawer.${input.kind}`,
      entityType: 'drawer_session',
      entityId: session.id,
      after: { amountCents: amount, reason: input.reason.trim(), approvedBy: input.approvedBy },
    });
    return { movementId };
  });
}
