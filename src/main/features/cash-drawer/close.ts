import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { requireNoHeldCarts } from './carts-at-till';
import { formatCents } from '../../../shared/money';
import { appendAudit } from '../../platform/audit/log';
import { drawerCloses, drawerSessions, type DenominationCount } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { readSetting } from '../store/settings';
import { countTotal } from './denominations';
import { expectedCash, type ExpectedFigures } from './expected';
import { varianceThresholdSetting } from '../store/thresholds';

export interface BlindCountResult {
  readonly closeId: string;
  readonly countedCashCents: number;
  readonly expected: ExpectedFigures;
  readonly overShortCents: number;
  readonly nonCash: ReadonlyArray<{ tender: string; expectedCents: number; countedCents: number }>;
  /** True when the variance is above the store's threshold: explanation and approval required. */
  readonly needsExplanation: boolean;
}

/**
 * Step 1 of the close: the count is recorded BEFORE anyone sees the
 * expected figure, and cannot be changed afterwards — that is what makes it
 * blind. Only then are expected and over/short returned.
 */
export function submitBlindCount(
  db: RegisterDb,
  input: { terminalId: string; staffId: string; count: DenominationCount; nonCashCounted: Readonly<Record<string, number>>; now: Date },
): BlindCountResult {
  return writeTransaction(db, (tx) => {
    const session = tx
      .select()
      .from(drawerSessions)
      .where(eq(drawerSessions.terminalId, input.terminalId))
      .all()
      .find((s) => s.status !== 'closed');
    if (session === undefined) throw new AppError('DRAWER_NOT_OPEN', 'There is no open drawer at this terminal to close.');
    if (session.status === 'counted')
      throw new AppError('COUNT_ALREADY_SUBMITTED', 'The blind count for this drawer was already submitted — finish the close.');
    // Stock held by carts at this till is settled before the day is: sold, or released on purpose.
    requireNoHeldCarts(tx, input.terminalId);
    const countedCashCents = countTotal(input.count);
    const expected = expectedCash(tx, session);
    const overShortCents = countedCashCents - expected.expectedCashCents;
    const nonCash = expected.nonCash.map((t) => ({ tender: t.tender, expectedCents: t.expectedCents, countedCents: input.nonCashCounted[t.tender] ?? 0 }));
    const closeId = randomUUID();
    tx.insert(drawerCloses)
      .values({
        id: closeId,
        sessionId: session.id,
        count: input.count,
        countedCashCents,
        expectedCashCents: expected.expectedCashCents,
        overShortCents,
        nonCash,
        countedBy: input.staffId,
        countedAt: input.now,
      })
      .run();
    tx.update(drawerSessions).set({ status: 'counted' }).where(eq(drawerSessions.id, session.id)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'drawer.count',
      entityType: 'drawer_session',
      entityId: session.id,
      after: { countedCashCents, expectedCashCents: expected.expectedCashCents, overShortCents },
    });
    return { closeId, countedCashCents, expected, overShortCents, nonCash, needsExplanation: exceedsThreshold(tx, overShortCents, nonCash) };
  });
}

/**
 * Step 2: lock the close. A variance above the threshold needs a written
 * explanation and a manager's approval; after this nothing can change it.
 */
export function finalizeClose(
  db: RegisterDb,
  input: { terminalId: string; staffId: string; explanation: string | null; approvedBy: string | null; now: Date },
): { closeId: string; overShortCents: number } {
  return writeTransaction(db, (tx) => {
    const session = tx
      .select()
      .from(drawerSessions)
      .where(eq(drawerSessions.terminalId, input.terminalId))
      .all()
      .find((s) => s.status === 'counted');
    if (session === undefined) {
      throw new AppError('DRAWER_NOT_COUNTED', 'There is no counted drawer to close at this terminal: it is either closed already or not counted yet.');
    }
    const close = tx.select().from(drawerCloses).where(eq(drawerCloses.sessionId, session.id)).get();
    if (close === undefined) throw new AppError('DRAWER_NOT_COUNTED', 'Count the drawer first.');
    if (exceedsThreshold(tx, close.overShortCents, close.nonCash)) {
      const variance = `${close.overShortCents < 0 ? 'short' : 'over'} by ${formatCents(Math.abs(close.overShortCents))}`;
      if (input.explanation === null || input.explanation.trim().length < 10) {
        throw new AppError('EXPLANATION_REQUIRED', `The drawer is ${variance}: write what happened (at least a sentence) before closing.`);
      }
      if (input.approvedBy === null) throw new AppError('APPROVAL_REQUIRED', `The drawer is ${variance}: a manager must approve the close.`);
    }
    tx.update(drawerCloses)
      .set({ explanation: input.explanation?.trim() ?? null, approvedBy: input.approvedBy, finalizedAt: input.now })
      .where(eq(drawerCloses.id, close.id))
      .run();
    tx.update(drawerSessions).set({ status: 'closed' }).where(eq(drawerSessions.id, session.id)).run();
    appendAudit(tx, {
      at: input.now,
      staffId: input.staffId,
      terminalId: input.terminalId,
      action: 'drawer.close',
      entityType: 'drawer_session',
      entityId: session.id,
      after: { overShortCents: close.overShortCents, explanation: input.explanation, approvedBy: input.approvedBy },
    });
    return { closeId: close.id, overShortCents: close.overShortCents };
  });
}

function exceedsThreshold(tx: RegisterTx, overShortCents: number, nonCash: ReadonlyArray<{ expectedCents: number; countedCents: number }>): boolean {
  const threshold = readSetting(tx, varianceThresholdSetting);
  return Math.abs(overShortCents) > threshold || nonCash.some((t) => Math.abs(t.countedCents - t.expectedCents) > threshold);
}
