import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { signedIn } from '../../core/signed-in';
import type { Handlers } from '../../core/handler';
import { complianceFlags, saleReturns, sales } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { offlineExceptionsReport } from './offline-exceptions-report';
import { rulesToVerify } from './rules-to-verify';

export const complianceFlagHandlers: Handlers<
  'compliance-flags-list' | 'compliance-flag-resolve' | 'compliance-offline-exceptions' | 'compliance-rules-to-verify'
> = {
  'compliance-rules-to-verify': (_input, ctx) => rulesToVerify(ctx.db, ctx.terminalId),

  'compliance-offline-exceptions': (_input, ctx) => offlineExceptionsReport(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId)),

  'compliance-flags-list': (input, ctx) => ({
    items: ctx.db
      .select()
      .from(complianceFlags)
      .where(
        and(eq(complianceFlags.storeId, storeIdOfTerminal(ctx.db, ctx.terminalId)), input.includeReviewed ? undefined : isNull(complianceFlags.reviewedAt)),
      )
      .orderBy(desc(complianceFlags.createdAt))
      .limit(500)
      .all()
      .map((f) => ({
        id: f.id,
        kind: f.kind,
        customerId: f.customerId,
        saleId: f.saleId,
        businessDay: f.businessDay,
        details: f.details,
        citation: f.citation,
        createdAt: f.createdAt.toISOString(),
        resolution: f.resolution,
      })),
  }),

  'compliance-flag-resolve': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const flag = tx.select().from(complianceFlags).where(eq(complianceFlags.id, input.flagId)).get();
      if (flag === undefined) throw new AppError('FLAG_NOT_FOUND', 'No such compliance flag.');
      if (flag.reviewedAt !== null) throw new AppError('FLAG_ALREADY_REVIEWED', 'This flag was already reviewed.');
      // Separation of duties: nobody settles a flag raised on a sale they rang, voided or approved.
      if (involvedIn(tx, flag.saleId, staffId))
        throw new AppError('FLAG_OWN_SALE', 'This flag is about a sale you rang, voided or approved: another compliance reviewer must settle it.');
      tx.update(complianceFlags).set({ reviewedAt: ctx.now(), reviewedBy: staffId, resolution: input.resolution }).where(eq(complianceFlags.id, flag.id)).run();
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'compliance.flag_review',
        entityType: 'compliance_flag',
        entityId: flag.id,
        after: { kind: flag.kind, resolution: input.resolution },
      });
      return { flagId: flag.id };
    });
  },
};

function involvedIn(tx: RegisterTx, saleId: string | null, staffId: string): boolean {
  if (saleId === null) return false;
  const sale = tx.select({ staffId: sales.staffId, voidedBy: sales.voidedBy }).from(sales).where(eq(sales.id, saleId)).get();
  if (sale === undefined) return false;
  if (sale.staffId === staffId || sale.voidedBy === staffId) return true;
  const returned = tx
    .select({ id: saleReturns.id })
    .from(saleReturns)
    .where(and(eq(saleReturns.saleId, saleId), or(eq(saleReturns.staffId, staffId), eq(saleReturns.approvedBy, staffId))))
    .limit(1)
    .get();
  return returned !== undefined;
}
