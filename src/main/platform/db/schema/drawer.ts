import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { stores, terminals, staff } from './store';

/** Notes and coins counted, by value in cents: `{ "2000": 12, "25": 40 }`. */
export type DenominationCount = Record<string, number>;

export const drawerSessionStatuses = ['open', 'counted', 'closed'] as const;

/**
 * One budtender's cash drawer at one terminal, from the counted float to the
 * locked close. Cash payments and refunds point at the session they moved.
 */
export const drawerSessions = sqliteTable(
  'drawer_sessions',
  {
    id: text('id').primaryKey(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id, { onDelete: 'restrict' }),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'restrict' }),
    status: text('status', { enum: drawerSessionStatuses }).notNull(),
    openingFloatCents: integer('opening_float_cents').notNull(),
    openingCount: text('opening_count', { mode: 'json' }).$type<DenominationCount>().notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('drawer_sessions_terminal_idx').on(t.terminalId, t.status)],
);

export const drawerMovementKinds = ['drop', 'paid_in', 'paid_out', 'no_sale'] as const;

/** Cash in or out of the drawer that is not a sale: safe drops, paid-ins/outs, and no-sale opens. */
export const drawerMovements = sqliteTable(
  'drawer_movements',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => drawerSessions.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: drawerMovementKinds }).notNull(),
    /** Always positive; the kind says the direction (0 for a no-sale). */
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    staffId: text('staff_id').notNull(),
    approvedBy: text('approved_by'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('drawer_movements_session_idx').on(t.sessionId)],
);

/**
 * The end-of-day close: the blind count first, then the expected figures,
 * over/short, and — above the store's threshold — an explanation and a
 * manager's approval. Locked by triggers once finalised.
 */
export const drawerCloses = sqliteTable(
  'drawer_closes',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => drawerSessions.id, { onDelete: 'restrict' }),
    count: text('count', { mode: 'json' }).$type<DenominationCount>().notNull(),
    countedCashCents: integer('counted_cash_cents').notNull(),
    expectedCashCents: integer('expected_cash_cents').notNull(),
    overShortCents: integer('over_short_cents').notNull(),
    /** Expected vs counted for each non-cash tender: [{tender, expectedCents, countedCents}]. */
    nonCash: text('non_cash', { mode: 'json' }).$type<Array<{ tender: string; expectedCents: number; countedCents: number }>>().notNull(),
    countedBy: text('counted_by').notNull(),
    countedAt: integer('counted_at', { mode: 'timestamp_ms' }).notNull(),
    explanation: text('explanation'),
    approvedBy: text('approved_by'),
    finalizedAt: integer('finalized_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('drawer_closes_session_unique').on(t.sessionId)],
);

/** A deposit bag leaving the store: what is in it, and the two people who prepared and verified it. */
export const deposits = sqliteTable('deposits', {
  id: text('id').primaryKey(),
  storeId: text('store_id')
    .notNull()
    .references(() => stores.id, { onDelete: 'restrict' }),
  amountCents: integer('amount_cents').notNull(),
  denominations: text('denominations', { mode: 'json' }).$type<DenominationCount>().notNull(),
  bagNumber: text('bag_number').notNull(),
  preparedBy: text('prepared_by').notNull(),
  verifiedBy: text('verified_by').notNull(),
  businessDay: text('business_day').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
