import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { productCategories } from '../../shared/contract/values';
import { staffRoles } from '../../shared/permissions';

/**
 * The store's system of record on PostgreSQL: one row per paired terminal,
 * and only facts that add up across machines — sales and voids keyed by the
 * terminal's own ids, limit ledger rows per person and store day, stock as
 * deltas per package. Nothing here is ever overwritten by the last writer.
 */

/** A register paired with this store server; retiring it revokes its credential. */
export const terminals = pgTable('terminals', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** SHA-256 of the terminal's bearer credential (the credential itself is shown once, to the terminal). */
  credentialHash: text('credential_hash').notNull(),
  pairedAt: timestamp('paired_at', { withTimezone: true }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  /** May sell limited goods alone when isolated (the store's "designated register" policy). */
  designated: integer('designated').notNull().default(0),
});

/** One-time pairing codes: stored hashed, expire in minutes, used once. */
export const pairingCodes = pgTable('pairing_codes', {
  codeHash: text('code_hash').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedBy: text('used_by'),
  /** Failed proofs against this code; three and it is spent. */
  failures: integer('failures').notNull().default(0),
});

/** Every command a terminal sent, by its key: a retry finds its key here and changes nothing. */
export const commands = pgTable('commands', {
  key: text('key').primaryKey(),
  terminalId: text('terminal_id').notNull(),
  type: text('type').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  /** What the command answered the first time: a retry gets the same answer. */
  result: jsonb('result').notNull(),
});

/** Sales as the terminals wrote them, under their own ids. */
export const sales = pgTable(
  'sales',
  {
    id: text('id').primaryKey(),
    terminalId: text('terminal_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    businessDay: text('business_day').notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    /** The store configuration version the terminal priced it with. */
    configVersion: integer('config_version').notNull(),
    /** When the sale was made while its terminal was isolated (limits were not checked across the store). */
    isolated: integer('isolated').notNull().default(0),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [index('sales_day_idx').on(t.businessDay)],
);

/** The store-wide purchase ledger: the terminal's ledger rows, from every terminal, same keys. */
export const limitLedger = pgTable(
  'limit_ledger',
  {
    saleId: text('sale_id').notNull(),
    lineId: text('line_id').notNull(),
    kind: text('kind', { enum: ['sale', 'void'] }).notNull(),
    personKey: text('person_key').notNull(),
    terminalId: text('terminal_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    businessDay: text('business_day').notNull(),
    category: text('category', { enum: productCategories }).notNull(),
    netWeightMg: integer('net_weight_mg').notNull(),
    thcMg: integer('thc_mg').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.saleId, t.lineId, t.kind] }), index('limit_ledger_person_day_idx').on(t.personKey, t.businessDay)],
);

/**
 * A cart's usage held for a person before payment, keyed by the sale id (a
 * retry cannot hold twice). Counts until confirmed by the sale (its ledger
 * rows then count instead), released by a void or an abandoned cart, or
 * expired.
 */
export const limitReservations = pgTable(
  'limit_reservations',
  {
    saleId: text('sale_id').primaryKey(),
    personKey: text('person_key').notNull(),
    terminalId: text('terminal_id').notNull(),
    businessDay: text('business_day').notNull(),
    /** The cart as the limits count it (LimitItem[]: category, net weight, THC, quantity). */
    items: jsonb('items').notNull(),
    status: text('status', { enum: ['held', 'confirmed', 'released'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('limit_reservations_person_idx').on(t.personKey, t.status)],
);

/** Stock moves only as deltas per Metrc package, keyed by what moved it (sale line, void, return, adjustment). */
export const stockMoves = pgTable(
  'stock_moves',
  {
    key: text('key').primaryKey(),
    packageLabel: text('package_label').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    terminalId: text('terminal_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stock_moves_package_idx').on(t.packageLabel)],
);

/** A person who ended a store day over a limit (isolated terminals' sales): a compliance incident for review. */
export const limitIncidents = pgTable(
  'limit_incidents',
  {
    id: text('id').primaryKey(),
    personKey: text('person_key').notNull(),
    businessDay: text('business_day').notNull(),
    bucket: text('bucket').notNull(),
    /** The rule's limit and what the person reached, in the rule's unit, rounded up. */
    limitAmount: integer('limit_amount').notNull(),
    attempted: integer('attempted').notNull(),
    saleIds: jsonb('sale_ids').notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('limit_incidents_person_day_bucket').on(t.personKey, t.businessDay, t.bucket)],
);

/** Store-wide settings every terminal follows; each change bumps the version a sale records. */
export const storeSettings = pgTable(
  'store_settings',
  {
    key: text('key').primaryKey(),
    value: jsonb('value').notNull(),
    version: integer('version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('store_settings_version_positive', sql`${t.version} > 0`)],
);

/**
 * The same person under a register's own key from before that register
 * joined the store (its earlier sales were filed under it): learned when
 * the person is next checked in there, after which every register's holds
 * count those sales too.
 */
export const personAliases = pgTable(
  'person_aliases',
  {
    aliasKey: text('alias_key').primaryKey(),
    personKey: text('person_key').notNull(),
    terminalId: text('terminal_id').notNull(),
    learnedAt: timestamp('learned_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('person_aliases_person_idx').on(t.personKey)],
);

/**
 * The store's prices (issue #20's read path): set on the store server, they
 * reach every register through PostgreSQL's own logical replication
 * (publication `greentill_reads`, one slot per register), applied to the
 * register's catalog in one transaction with the stream position.
 */
export const catalogPrices = pgTable('catalog_prices', {
  sku: text('sku').primaryKey(),
  priceCents: bigint('price_cents', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * The store's IT incident log (issue #23): each register's incidents as it
 * last sent them (already scrubbed of customer data there), so every
 * register and IT see the whole store's. A snapshot replaces the one kept
 * only when its revision is higher: a late resend never rolls one back.
 */
export const itIncidents = pgTable(
  'it_incidents',
  {
    id: text('id').primaryKey(),
    terminalId: text('terminal_id')
      .notNull()
      .references(() => terminals.id),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    revision: integer('revision').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('it_incidents_status_reported').on(t.status, t.reportedAt)],
);

/**
 * The store's staff roster (issue #20's read path): each save a register
 * sends, in the order the server receives it, read back by every register
 * through logical replication — so a person added, promoted, given a new PIN
 * or stopped at one register signs in (or not) the same at all of them.
 * The PIN is kept only as the register made its scrypt hash.
 */
export const storeStaff = pgTable('store_staff', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: staffRoles }).notNull(),
  pinHash: text('pin_hash'),
  active: integer('active').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Grows with every save: how IT tells which came last. */
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** The register that sent the save. */
  updatedBy: text('updated_by').notNull(),
});

/**
 * The store's catalog as registers received into it (issue #20's read
 * path): the product each received package is, by SKU, as the receiving
 * register's catalog had it — every register reads it back and can sell the
 * package. Prices set for the store stay in `catalog_prices`.
 */
export const storeProducts = pgTable('store_products', {
  sku: text('sku').primaryKey(),
  definition: jsonb('definition').notNull(),
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Packages received at any register, by Metrc tag; what is on hand is the stock moves' sum. */
export const storePackages = pgTable('store_packages', {
  tag: text('tag').primaryKey(),
  sku: text('sku').notNull(),
  definition: jsonb('definition').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  receivedBy: text('received_by').notNull(),
});

/**
 * Quality holds placed at any register (a package, or a whole batch),
 * read back by every register: what is held at one is refused at all.
 */
export const storeHolds = pgTable('store_holds', {
  id: text('id').primaryKey(),
  scope: text('scope', { enum: ['package', 'batch'] }).notNull(),
  packageTag: text('package_tag'),
  batch: text('batch'),
  reason: text('reason').notNull(),
  placedBy: text('placed_by').notNull(),
  placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
  releasedBy: text('released_by'),
  releasedAt: timestamp('released_at', { withTimezone: true }),
  releaseNote: text('release_note'),
  terminalId: text('terminal_id').notNull(),
});

/**
 * The licence's Metrc connection (issue #20): the store server's single
 * reporter sends every register's receipts with it. The keys are sealed
 * with the store server's own key (its data folder), never kept in clear.
 */
export const metrcConnection = pgTable('metrc_connection', {
  licence: text('licence').primaryKey(),
  baseUrl: text('base_url').notNull(),
  apiVersion: text('api_version', { enum: ['v1', 'v2'] }).notNull(),
  vendorKeySealed: text('vendor_key_sealed').notNull(),
  userKeySealed: text('user_key_sealed').notNull(),
  enabled: boolean('enabled').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * What the state must receive, as the registers handed it over (issue #20):
 * one row per receipt, void, return or adjustment, keyed like the command
 * that brought it (a register that sends it twice adds nothing). Each has
 * its pg-boss job in the licence's queue, written in the same transaction;
 * this row is the truth the reporter settles: delivered (with Metrc's Id),
 * parked for staff, or resolved by hand. `attempts` counts sends that may
 * have reached Metrc — committed before each send, so the next one looks
 * the receipt up first.
 */
export const metrcReports = pgTable(
  'metrc_reports',
  {
    key: text('key').primaryKey(),
    /** Arrival order: a sale's void or return goes only after its earlier reports are settled. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    licence: text('licence').notNull(),
    terminalId: text('terminal_id').notNull(),
    kind: text('kind', { enum: ['receipt.create', 'receipt.void', 'receipt.return', 'package.adjust'] }).notNull(),
    /** The sale (or the register's own aggregate for an adjustment). */
    aggregateId: text('aggregate_id').notNull(),
    /** The item for Metrc's adapter; registration numbers in it are sealed with the store server's key. */
    item: jsonb('item').notNull(),
    /** Sends the register made itself before handing it over (any may have reached Metrc). */
    priorAttempts: integer('prior_attempts').notNull(),
    firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    status: text('status', { enum: ['queued', 'delivered', 'parked', 'resolved'] }).notNull(),
    receiptId: bigint('receipt_id', { mode: 'number' }),
    confirmedByLookup: boolean('confirmed_by_lookup').notNull().default(false),
    lastError: text('last_error'),
    /** The reporter (host, process) that settled it. */
    reportedBy: text('reported_by'),
    jobId: text('job_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    resolution: text('resolution'),
  },
  (t) => [index('metrc_reports_aggregate_idx').on(t.aggregateId, t.seq), index('metrc_reports_status_idx').on(t.licence, t.status)],
);

/**
 * The store's promotions (issue #20's read path), set on the store server
 * (`store-promotion-set`): every register reads them through logical
 * replication and prices with them. The definition is the register's own
 * promotion shape (src/shared/domain/promotions/promotion.ts), checked when
 * it is set and again when a register applies it.
 */
export const storePromotions = pgTable('store_promotions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  definition: jsonb('definition').notNull(),
  active: integer('active').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/**
 * The register settings a store keeps for all its registers
 * (STORE_WIDE_SETTINGS: local taxes, discount ceilings, thresholds…), each save in
 * the order the server receives it, read back by every register through
 * logical replication. Apart from `store_settings`, the server's own
 * (identity, isolation policy), which is not published.
 */
export const registerSettings = pgTable('register_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  /** Grows with every save: how IT tells which came last. */
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** The register that sent the save. */
  updatedBy: text('updated_by').notNull(),
});

/**
 * The store's order relay (issue #21), set by an admin (`store-relay-set`):
 * in a store with a server, the server is the one puller of the store's
 * online orders, so every register sees each order once. The credential is
 * sealed with the store server's key, like the Metrc keys.
 */
export const relayConnection = pgTable('relay_connection', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  credentialSealed: text('credential_sealed').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Where the store's pull from the relay stands (published: a register that
 * sees this row knows its store server pulls, and stops pulling itself).
 * The cursor moves only in the transaction that stores the events it passes.
 */
export const relayFeed = pgTable('relay_feed', {
  id: text('id').primaryKey(),
  cursor: bigint('cursor', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * Every order event the store pulled from the relay, once (by the relay's
 * event id), as the relay sent it: registers read them back through logical
 * replication and enter them in their order queues.
 */
export const storeOrderEvents = pgTable('store_order_events', {
  eventId: text('event_id').primaryKey(),
  cursor: bigint('cursor', { mode: 'number' }).notNull(),
  connectionId: text('connection_id').notNull(),
  orderId: text('order_id').notNull(),
  event: jsonb('event').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true }).notNull(),
});

/**
 * Which register took an online order (accepted or rejected it): the first
 * claim wins, the same register may claim again, any other is refused.
 * Published, so every other register shows the order as taken there.
 */
export const orderClaims = pgTable(
  'order_claims',
  {
    connectionId: text('connection_id').notNull(),
    orderId: text('order_id').notNull(),
    terminalId: text('terminal_id').notNull(),
    terminalName: text('terminal_name').notNull(),
    action: text('action', { enum: ['accept', 'reject'] }).notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.orderId] })],
);

/**
 * The store's customers (issue #20's read path): each field of a record as
 * the register that last changed it sent it, sealed with the store's
 * customer key — the server keeps names, birth dates, registration numbers
 * and contact details without being able to read them. A save merges its
 * fields into the record (`fields || excluded.fields`), in the order the
 * server receives saves: two registers changing different fields at once
 * both stand. Every register reads the record back and seals it again with
 * its own keys.
 */
export const storeCustomers = pgTable('store_customers', {
  id: text('id').primaryKey(),
  fields: jsonb('fields').notNull(),
  /**
   * Per register, the key of its last save taken: a register reading the
   * record knows which of its own changes are in it, and keeps the fields
   * of those still on their way as it has them.
   */
  applied: jsonb('applied').notNull(),
  /** Grows with every save: a register marks its copy with it, and IT tells which came last. */
  version: integer('version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Loyalty points as every register's ledger rows, keyed as the register keyed them: a customer's balance is the same at every register. */
export const storeLoyalty = pgTable(
  'store_loyalty',
  {
    sourceId: text('source_id').notNull(),
    kind: text('kind').notNull(),
    customerId: text('customer_id').notNull(),
    saleId: text('sale_id').notNull(),
    points: integer('points').notNull(),
    lines: jsonb('lines').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    terminalId: text('terminal_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.kind] })],
);

/** Store credit as every register's ledger rows (given, spent, given back), by their ids. */
export const storeCredits = pgTable('store_credits', {
  id: text('id').primaryKey(),
  customerId: text('customer_id').notNull(),
  amountCents: integer('amount_cents').notNull(),
  reason: text('reason').notNull(),
  issuedBy: text('issued_by').notNull(),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  saleId: text('sale_id'),
  terminalId: text('terminal_id').notNull(),
});

/**
 * A cart's hold on a customer's points or store credit, before payment
 * (features/balance-holds.ts): counted against the balance while held and
 * unexpired; spent when the sale's own ledger rows arrive with it
 * (`confirmed`), given back when the cart is abandoned (`released`).
 */
export const balanceHolds = pgTable(
  'balance_holds',
  {
    saleKey: text('sale_key').primaryKey(),
    customerIds: jsonb('customer_ids').$type<string[]>().notNull(),
    points: integer('points').notNull(),
    creditCents: integer('credit_cents').notNull(),
    terminalId: text('terminal_id').notNull(),
    status: text('status', { enum: ['held', 'confirmed', 'released'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('balance_holds_status_idx').on(t.status, t.expiresAt)],
);

/**
 * Which sale applied which promotion, from every register (the sale's
 * command names them): each register counts the others' uses against a
 * promotion's usage limit, as it counts its own (read path).
 */
export const storePromotionUses = pgTable(
  'store_promotion_uses',
  {
    promotionId: text('promotion_id').notNull(),
    saleId: text('sale_id').notNull(),
    terminalId: text('terminal_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.promotionId, t.saleId] })],
);
