import { desc, eq } from 'drizzle-orm';
import { loyaltyLedger } from '../../platform/db/schema';
import type { Handlers } from '../../core/handler';
import { customerLoyalty } from './ledger';

export const loyaltyHandlers: Handlers<'customer-loyalty'> = {
  'customer-loyalty': (input, ctx) => {
    const loyalty = customerLoyalty(ctx.db, input.customerId);
    const entries = ctx.db
      .select({ kind: loyaltyLedger.kind, points: loyaltyLedger.points, saleId: loyaltyLedger.saleId, at: loyaltyLedger.at })
      .from(loyaltyLedger)
      .where(eq(loyaltyLedger.customerId, input.customerId))
      .orderBy(desc(loyaltyLedger.id))
      .limit(20)
      .all();
    return { customerId: input.customerId, ...loyalty, entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
  },
};
