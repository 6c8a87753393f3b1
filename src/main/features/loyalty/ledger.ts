import { and, eq, inArray, sql } from 'drizzle-orm';
import { LOYALTY_PROGRAM, cumulativeShare, pointsEarned, tierFor, type LoyaltyTier } from '../../../shared/domain/loyalty/program';
import type { ProductCategory } from '../../../shared/contract/values';
import { loyaltyLedger, saleLines, saleReturnLines, saleReturns } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { preparedOnce } from '../../platform/db/prepared';

type Reader = RegisterDb | RegisterTx;
type Kind = (typeof loyaltyLedger.$inferSelect)['kind'];
type LinePoints = Array<{ saleLineId: string; points: number }>;

export interface CustomerLoyalty {
  readonly balance: number;
  /** Net points earned over the customer's history: what the tier reads. */
  readonly lifetimePoints: number;
  readonly tier: LoyaltyTier;
}

const EARNING_KINDS: readonly Kind[] = ['earn', 'return_clawback', 'void_reversal'];

export function customerLoyalty(db: Reader, customerId: string): CustomerLoyalty {
  const row = balanceOf(db).get({ customerId });
  const lifetimePoints = row?.lifetime ?? 0;
  return { balance: row?.balance ?? 0, lifetimePoints, tier: tierFor(LOYALTY_PROGRAM, lifetimePoints) };
}

/** Writes one ledger row unless its (source, kind) is already there: a replay writes nothing. */
function writeEntry(
  tx: RegisterTx,
  entry: { storeId: string; customerId: string; sourceId: string; kind: Kind; saleId: string; lines: LinePoints; at: Date },
): number {
  const points = entry.lines.reduce((s, l) => s + l.points, 0);
  if (points === 0) return 0;
  const result = insertEntry(tx).run({ ...entry, points });
  return result.changes === 1 ? points : 0;
}

// Every sale with a customer runs these (issue #18: prepared once per connection).
const p = sql.placeholder;

const balanceOf = preparedOnce((db) =>
  db
    .select({
      balance: sql<number>`coalesce(sum(${loyaltyLedger.points}), 0)`,
      lifetime: sql<number>`coalesce(sum(case when ${inArray(loyaltyLedger.kind, [...EARNING_KINDS])} then ${loyaltyLedger.points} else 0 end), 0)`,
    })
    .from(loyaltyLedger)
    .where(eq(loyaltyLedger.customerId, p('customerId')))
    .prepare(),
);

const insertEntry = preparedOnce((db) =>
  db
    .insert(loyaltyLedger)
    .values({
      storeId: p('storeId'),
      customerId: p('customerId'),
      sourceId: p('sourceId'),
      kind: p('kind'),
      saleId: p('saleId'),
      lines: p('lines'),
      points: p('points'),
      at: p('at'),
    })
    .onConflictDoNothing({ target: [loyaltyLedger.sourceId, loyaltyLedger.kind] })
    .prepare(),
);

export interface SaleLoyalty {
  readonly storeId: string;
  readonly state: string;
  readonly saleId: string;
  readonly customerId: string | null;
  /** Every line as sold: its net after every discount, points included. */
  readonly lines: ReadonlyArray<{ readonly lineId: string; readonly category: ProductCategory; readonly netCents: number }>;
  /** Points redeemed on the sale, per line (from the cart's redemption plan). */
  readonly redeemed: ReadonlyArray<{ readonly lineId: string; readonly points: number }>;
  readonly at: Date;
}

/** The sale's award (at the tier the customer held before it) and its redemption, in the sale's own transaction. */
export function recordSaleLoyalty(tx: RegisterTx, sale: SaleLoyalty): { earned: number; redeemed: number } {
  if (sale.customerId === null) return { earned: 0, redeemed: 0 };
  const { tier } = customerLoyalty(tx, sale.customerId);
  const base = { storeId: sale.storeId, customerId: sale.customerId, sourceId: sale.saleId, saleId: sale.saleId, at: sale.at };
  const redeemed = -writeEntry(tx, { ...base, kind: 'redeem', lines: sale.redeemed.map((l) => ({ saleLineId: l.lineId, points: -l.points })) });
  const earned = writeEntry(tx, {
    ...base,
    kind: 'earn',
    lines: pointsEarned(LOYALTY_PROGRAM, sale.state, tier, sale.lines).map((l) => ({ saleLineId: l.lineId, points: l.points })),
  });
  return { earned, redeemed };
}

function entryOf(tx: RegisterTx, sourceId: string, kind: Kind) {
  return tx
    .select()
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.sourceId, sourceId), eq(loyaltyLedger.kind, kind)))
    .get();
}

/**
 * A return takes back, per returned line, the cumulative share of what the
 * line earned and gives back the same share of the points it redeemed:
 * returning all of a line in several goes takes back exactly its points.
 * Call after the return's lines are written (they count as "already" for the next one).
 */
export function recordReturnLoyalty(tx: RegisterTx, request: { returnId: string; saleId: string; at: Date }): { clawedBack: number; restored: number } {
  const earn = entryOf(tx, request.saleId, 'earn');
  const redeem = entryOf(tx, request.saleId, 'redeem');
  if (earn === undefined && redeem === undefined) return { clawedBack: 0, restored: 0 };
  const { customerId, storeId } = (earn ?? redeem)!;
  const returned = tx
    .select({
      saleLineId: saleReturnLines.saleLineId,
      quantity: saleReturnLines.quantity,
      returnId: saleReturnLines.returnId,
      lineQuantity: saleLines.quantity,
    })
    .from(saleReturnLines)
    .innerJoin(saleReturns, eq(saleReturns.id, saleReturnLines.returnId))
    .innerJoin(saleLines, eq(saleLines.id, saleReturnLines.saleLineId))
    .where(eq(saleReturns.saleId, request.saleId))
    .all();
  const shares = (entry: typeof earn): LinePoints =>
    (entry?.lines ?? []).flatMap((l) => {
      const now = returned.filter((r) => r.saleLineId === l.saleLineId && r.returnId === request.returnId);
      if (now.length === 0) return [];
      const before = returned.filter((r) => r.saleLineId === l.saleLineId && r.returnId !== request.returnId).reduce((s, r) => s + r.quantity, 0);
      const quantity = now.reduce((s, r) => s + r.quantity, 0);
      const total = now[0]?.lineQuantity ?? 1;
      // The share of the size, with the entry's sign reversed: floor on the magnitude, so a clawback and a restore round alike.
      return [{ saleLineId: l.saleLineId, points: -Math.sign(l.points) * cumulativeShare(Math.abs(l.points), before, quantity, total) }];
    });
  const base = { storeId, customerId, sourceId: request.returnId, saleId: request.saleId, at: request.at };
  const clawedBack = -writeEntry(tx, { ...base, kind: 'return_clawback', lines: shares(earn) });
  const restored = writeEntry(tx, { ...base, kind: 'return_restore', lines: shares(redeem) });
  return { clawedBack, restored };
}

/** A void (never after a return) reverses the sale's award and gives back what it redeemed. */
export function recordVoidLoyalty(tx: RegisterTx, request: { saleId: string; at: Date }): void {
  for (const [kind, reversal] of [
    ['earn', 'void_reversal'],
    ['redeem', 'void_restore'],
  ] as const) {
    const entry = entryOf(tx, request.saleId, kind);
    if (entry === undefined) continue;
    writeEntry(tx, {
      storeId: entry.storeId,
      customerId: entry.customerId,
      sourceId: request.saleId,
      kind: reversal,
      saleId: request.saleId,
      lines: entry.lines.map((l) => ({ saleLineId: l.saleLineId, points: -l.points })),
      at: request.at,
    });
  }
}
