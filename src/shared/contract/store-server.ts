import { z } from 'zod';
import { incidentView } from './it-incidents';
import { staffRoles } from '../permissions';
import { customerType, productCategories } from './values';
import { saleReceiptMessage } from './metrc-messages';

/**
 * The store server's API as terminals call it (issue #20): the shapes both
 * sides validate. Every write carries its own key (the sale id, the event
 * id): sent twice, it is applied once and answered the same way.
 */

const id = z.string().trim().min(1).max(100);
const storeDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A store day is YYYY-MM-DD');

/** The loyalty ledger's kinds of row (the register's loyalty_ledger.kind). */
export const loyaltyEntryKinds = ['earn', 'redeem', 'return_clawback', 'return_restore', 'void_reversal', 'void_restore'] as const;

/** A cart line as the purchase limits count it. */
export const limitItemSchema = z.object({
  category: z.enum(productCategories),
  netWeightMg: z.number().int().nonnegative().safe(),
  thcMg: z.number().int().nonnegative().safe(),
  quantity: z.number().int().safe(),
});

/**
 * A product as a register's catalog has it, travelling with a package
 * received there so every register of the store can sell that package
 * (issue #20's read path). Each register validates it again before use.
 */
export const catalogProductSchema = z.object({
  id,
  sku: id,
  upc: z.string().max(20).nullable(),
  name: z.string().trim().min(1).max(200),
  brand: z.string().max(200),
  strain: z.string().max(200).nullable(),
  category: z.enum(productCategories),
  sellingMode: z.enum(['each', 'weight']),
  priceCents: z.number().int().nonnegative().safe(),
  netWeightMg: z.number().int().nonnegative().safe(),
  thcMg: z.number().int().nonnegative().safe(),
  cbdMg: z.number().int().nonnegative().safe(),
  /** Pieces in one unit (gummies in a pack), for the dose per piece; absent from an older register. */
  piecesPerUnit: z.number().int().positive().safe().nullable().optional(),
  thcPercentBp: z.number().int().nonnegative().safe().nullable(),
  cbdPercentBp: z.number().int().nonnegative().safe().nullable(),
  coaLabName: z.string().max(200).nullable(),
  coaBatchNumber: z.string().max(200).nullable(),
  coaTestedOn: z.string().max(40).nullable(),
  coaUrl: z.string().max(2000).nullable(),
  active: z.boolean(),
});
export type CatalogProduct = z.infer<typeof catalogProductSchema>;

/** A Metrc package as received at one register; its quantity travels as stock moves, never here. */
export const storePackageSchema = z.object({
  tag: z.string().trim().min(1).max(64),
  sku: id,
  unit: z.enum(['each', 'mg']),
  packagedDate: storeDay,
  labTestingState: z.string().min(1).max(40),
  status: z.string().min(1).max(40),
  metrcId: z.number().int().safe().nullable(),
  productionBatch: z.string().max(200).nullable(),
});
export type StorePackage = z.infer<typeof storePackageSchema>;

export const pairRequestSchema = z.object({
  /** HMAC-SHA256 under the pairing code's hash of the certificate fingerprint the terminal saw: the code is never sent. */
  proof: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string().trim().min(1).max(60),
});
export const pairResponseSchema = z.object({
  terminalId: id,
  credential: z.string().min(32).max(200),
  /** The store's secret for person keys (base64url, 32 bytes): one person is one key at every register of the store. */
  personKeySecret: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** The server's proof that it holds the same code and the same certificate the terminal saw. */
  serverProof: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the register reads the store's prices (PostgreSQL logical replication), or null: it keeps its own. */
  reads: z.object({ url: z.string().min(1).max(500), slot: z.string().regex(/^[a-z0-9_]{1,63}$/), publication: z.string().min(1).max(63) }).nullable(),
});

export const reserveRequestSchema = z.object({
  saleId: id,
  personKey: z.string().min(16).max(200),
  /** The same person under a register's key from before it joined the store (its earlier sales were filed under it). */
  aliases: z.array(z.string().min(16).max(200)).max(4).default([]),
  customerType,
  resident: z.boolean(),
  /** For age-banded rules; null: unknown, every band applies. */
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  at: z.iso.datetime({ offset: true }),
  cart: z.array(limitItemSchema).min(1).max(500),
});
/** What a register sends (`aliases` may be left out)… */
export type ReserveRequest = z.input<typeof reserveRequestSchema>;
/** …and what the server acts on, validated. */
export type ValidReserveRequest = z.output<typeof reserveRequestSchema>;

export const reserveResponseSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('held'), expiresAt: z.iso.datetime({ offset: true }) }),
  z.object({
    outcome: z.literal('refused'),
    /** Each limit the cart would break across the store, in the budtender's words. */
    violations: z.array(
      z.object({ bucket: z.string(), limit: z.number(), attempted: z.number(), remaining: z.number(), unit: z.string(), message: z.string() }),
    ),
  }),
]);
export type ReserveResponse = z.infer<typeof reserveResponseSchema>;

/**
 * Before payment, a cart that spends a customer's points or store credit
 * holds them at the store server, so two registers cannot spend the same
 * balance at once. The balance is every register's ledger rows for the
 * customer's records (the record and those merged into it, which only
 * registers can tell), plus this register's own rows still on their way
 * (counted once: the server leaves out any it already has), less what other
 * carts hold. Keyed by the cart: a retry holds nothing more.
 */
export const balanceHoldRequestSchema = z.object({
  saleId: id,
  customerIds: z.array(id).min(1).max(20),
  points: z.number().int().nonnegative().safe(),
  creditCents: z.number().int().nonnegative().safe(),
  unsentLoyalty: z.array(z.object({ sourceId: id, kind: z.enum(loyaltyEntryKinds), points: z.number().int().safe() })).max(1000),
  unsentCredits: z.array(z.object({ id, amountCents: z.number().int().safe() })).max(1000),
});
export type BalanceHoldRequest = z.infer<typeof balanceHoldRequestSchema>;

export const balanceHoldResponseSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('held') }),
  z.object({
    outcome: z.literal('refused'),
    /** What the store can spend now, across every register: points and cents. */
    available: z.object({ points: z.number().int(), creditCents: z.number().int() }),
  }),
]);
export type BalanceHoldResponse = z.infer<typeof balanceHoldResponseSchema>;

const ledgerRow = z.object({
  lineId: id,
  kind: z.enum(['sale', 'void']),
  at: z.iso.datetime({ offset: true }),
  businessDay: storeDay,
  category: z.enum(productCategories),
  netWeightMg: z.number().int().nonnegative().safe(),
  thcMg: z.number().int().nonnegative().safe(),
  quantity: z.number().int().safe(),
});
const stockMove = z.object({ key: id, packageLabel: z.string().min(1).max(64), delta: z.number().int().safe(), reason: z.string().min(1).max(40) });

/** What the store's Metrc reporter takes from registers (a delivery's receipt stays with staff at the register). */
export const metrcReportKinds = ['receipt.create', 'receipt.void', 'receipt.return', 'package.adjust'] as const;

/**
 * The settings a store keeps for all its registers (issue #20): its local
 * taxes, the manual-discount ceilings per role, the adult-use ID retention
 * window (each register's hourly sweep applies it) and the thresholds a
 * manager sets (idle carts, drawer and count variances). A save at any
 * register goes to the store server and comes back to every register, so
 * they price and approve alike. The rest (backup schedule, tender mode,
 * feeds holding this register's sealed keys) belong to the register.
 */
export const STORE_WIDE_SETTINGS = [
  'taxes.local',
  'discounts.manual_ceilings',
  'compliance.adult_use_id_retention',
  // The thresholds a manager sets on the Settings screen (contract/store-thresholds.ts).
  'carts.idle_release',
  'drawer.variance_threshold_cents',
  'inventory.adjustment_approval_threshold_cents',
] as const;
export type StoreWideSetting = (typeof STORE_WIDE_SETTINGS)[number];

/**
 * The fields of a customer's record that are the store's, not one
 * register's (the register's column names): what a register keeps to
 * itself is left out — its blind-index hashes (made with its own keys), the
 * state system's last answer it cached, and its own store id.
 */
export const STORE_CUSTOMER_FIELDS = [
  'customer_type',
  'first_name',
  'last_name',
  'date_of_birth',
  'resident',
  'medical_registration',
  'medical_expiry',
  'caregiver_for_id',
  'person_key',
  'loyalty_tier',
  'groups',
  'created_at',
  'merged_into',
  'phone',
  'email',
  'preferences',
] as const;
export type StoreCustomerField = (typeof STORE_CUSTOMER_FIELDS)[number];

/** A value sealed with a store-wide key (AES-256-GCM, `v1:<iv>:<ciphertext>:<tag>`). */
const sealedField = z
  .string()
  .regex(/^v1:[\w-]+:[\w-]*:[\w-]+$/, 'A sealed field is v1:<iv>:<ciphertext>:<tag>')
  .max(20_000);

export const storeCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sale.recorded'),
    key: id,
    saleId: id,
    /** The cart's hold on the customer's points or credit, now spent by the sale's own ledger rows (absent: none held). */
    balanceKey: id.nullable().optional(),
    /** The promotions the sale applied (by id): every register counts them against a promotion's usage limit. */
    promotions: z.array(id).max(100).optional(),
    /** The key its limits were held under before payment (the cart's id), confirmed by this sale. */
    reservationKey: id.nullable(),
    at: z.iso.datetime({ offset: true }),
    businessDay: storeDay,
    totalCents: z.number().int().safe(),
    configVersion: z.number().int().nonnegative(),
    /** Made while the terminal could not reach the store server (limits were checked on this terminal alone). */
    isolated: z.boolean(),
    personKey: z.string().min(16).max(200).nullable(),
    /** How the limits counted the buyer (null: no limited goods, no person). */
    customerType: customerType.nullable(),
    resident: z.boolean().nullable(),
    ledger: z.array(ledgerRow).max(500),
    stock: z.array(stockMove).max(500),
  }),
  z.object({
    type: z.literal('sale.voided'),
    key: id,
    saleId: id,
    at: z.iso.datetime({ offset: true }),
    personKey: z.string().min(16).max(200).nullable(),
    ledger: z.array(ledgerRow).max(500),
    stock: z.array(stockMove).max(500),
  }),
  z.object({
    type: z.literal('stock.moved'),
    key: id,
    at: z.iso.datetime({ offset: true }),
    stock: z.array(stockMove).min(1).max(500),
  }),
  z.object({
    /**
     * Something the state must receive (issue #20), handed to the store's
     * single Metrc reporter instead of sent by the register: a receipt, its
     * void or return, a package adjustment — the register's own outbox
     * message (`payload`, checked against its kind on arrival).
     */
    type: z.literal('metrc.report'),
    key: id,
    kind: z.enum(metrcReportKinds),
    /** The sale it is about (or the register's own aggregate for an adjustment): its reports go in order. */
    aggregateId: id,
    payload: z.unknown(),
    /** A void or return: the sale's receipt as the register recorded it (to look it up, or to restate it). */
    receipt: saleReceiptMessage.nullable(),
    /** Metrc's Id of that receipt when the register delivered it itself, before it joined the store. */
    receiptId: z.number().int().nullable(),
    /** A return: the sale's earlier items, oldest first (every return so far goes into the restated receipt). */
    earlier: z.array(z.object({ kind: z.string().max(40), payload: z.unknown() })).max(200),
    /** Sends the register made itself: above 0, one may have reached Metrc, so it is looked up before any post. */
    priorAttempts: z.number().int().nonnegative(),
    firstAttemptAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    /**
     * The registration numbers of the receipt above (`payload` or `receipt`) in clear, over the pinned TLS
     * connection: the register's own seal opens only there, and the server seals them again with its key.
     */
    registrations: z.object({ patient: z.string().min(1).max(100).nullable(), caregiver: z.string().min(1).max(100).nullable() }),
  }),
  z.object({
    /** An IT incident as its register now has it (scrubbed of customer data there); a higher revision replaces a lower. */
    type: z.literal('it.incident'),
    key: id,
    revision: z.number().int().nonnegative(),
    incident: incidentView.extend({ id, reportedAt: z.iso.datetime({ offset: true }) }),
  }),
  z.object({
    /** A quality hold placed at a register (a package, or a whole batch): every register refuses to sell what it covers. */
    type: z.literal('hold.placed'),
    key: id,
    hold: z.object({
      id,
      scope: z.enum(['package', 'batch']),
      packageTag: z.string().max(64).nullable(),
      batch: z.string().max(200).nullable(),
      reason: z.string().min(1).max(500),
      placedBy: id,
      placedAt: z.iso.datetime({ offset: true }),
    }),
  }),
  z.object({
    /** A hold released at a register: sellable again everywhere (a release is final; a second one changes nothing). */
    type: z.literal('hold.released'),
    key: id,
    holdId: id,
    releasedBy: id,
    releasedAt: z.iso.datetime({ offset: true }),
    note: z.string().max(500),
  }),
  z.object({
    /** A delivery's package received at a register: the product it is, the package, and the stock it brings (a move keyed by the tag). */
    type: z.literal('package.received'),
    key: id,
    at: z.iso.datetime({ offset: true }),
    product: catalogProductSchema,
    package: storePackageSchema,
    quantity: z.number().int().positive().safe(),
  }),
  z.object({
    /**
     * A staff member as the register that changed them now has them (the PIN
     * as its scrypt hash, never the PIN): the store's roster takes each save
     * in the order the server receives it, and every register reads it back.
     */
    type: z.literal('staff.saved'),
    key: id,
    staff: z.object({
      id,
      displayName: z.string().trim().min(1).max(60),
      role: z.enum(staffRoles),
      pinHash: z.string().min(1).max(300).nullable(),
      active: z.boolean(),
      createdAt: z.iso.datetime({ offset: true }),
    }),
  }),
  z.object({
    /** A store-wide setting as the register that saved it now has it (already checked against the setting's own schema there). */
    type: z.literal('setting.saved'),
    key: id,
    setting: z.object({ key: z.enum(STORE_WIDE_SETTINGS), value: z.json() }),
  }),
  z.object({
    /**
     * Fields of a customer's record as the register that changed them now
     * has them, each sealed with the store's customer key (the server keeps
     * them sealed and cannot read them): the store's record takes each field
     * in the order the server receives it, and every register reads it back.
     */
    type: z.literal('customer.saved'),
    key: id,
    customerId: id,
    fields: z.partialRecord(z.enum(STORE_CUSTOMER_FIELDS), sealedField.nullable()),
  }),
  z.object({
    /** A loyalty ledger row (points earned, redeemed, clawed back), keyed as the register keyed it: once however often sent. */
    type: z.literal('loyalty.recorded'),
    key: id,
    entry: z.object({
      customerId: id,
      sourceId: id,
      kind: z.enum(loyaltyEntryKinds),
      saleId: id,
      points: z.number().int().safe(),
      lines: z.array(z.object({ saleLineId: id, points: z.number().int().safe() })).max(500),
      at: z.iso.datetime({ offset: true }),
    }),
  }),
  z.object({
    /** A store credit row (given, spent, given back), keyed by its id. */
    type: z.literal('credit.recorded'),
    key: id,
    credit: z.object({
      id,
      customerId: id,
      amountCents: z.number().int().safe(),
      reason: z.string().max(500),
      issuedBy: id,
      issuedAt: z.iso.datetime({ offset: true }),
      saleId: id.nullable(),
    }),
  }),
]);
export type StoreCommand = z.infer<typeof storeCommandSchema>;

/** The whole store's IT incidents, as the registers last sent them. */
export const storeIncidentsRequestSchema = z.object({ status: z.enum(['open', 'closed', 'all']), limit: z.number().int().min(1).max(200) });
export const storeIncidentsResponseSchema = z.object({ items: z.array(incidentView) });

/** The store server's health answer: up, and its clock (registers and the opening check compare theirs). */
export const storeHealthSchema = z.object({ ok: z.boolean(), serverTime: z.iso.datetime({ offset: true }) });

export const releaseRequestSchema = z.object({ saleId: id });

const isolationMode = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('refuse') }),
  z.object({ mode: z.literal('allowance'), allowance: z.record(z.string(), z.number().int().nonnegative()) }),
  z.object({ mode: z.literal('designated') }),
]);
/** The store's isolation policy per sale type (see shared/domain/compliance/isolation-policy.ts). */
export const isolationPolicySchema = z.object({ adult: isolationMode, medical: isolationMode, caregiver: isolationMode });

/** What the lease answers: the server's clock (for skew), the store's settings version and what an isolated register may do. */
export const leaseResponseSchema = z.object({
  serverTime: z.iso.datetime({ offset: true }),
  leaseMs: z.number().int().positive(),
  configVersion: z.number().int().nonnegative(),
  isolation: isolationPolicySchema,
  /** This register is the store's designated register (may sell limited goods alone when isolated). */
  designated: z.boolean(),
  /**
   * The store server pulls the store's online orders from the relay (issue #21): a register told so does not pull them
   * itself. Absent (an older server): it does not.
   */
  ordersPulled: z.boolean().optional(),
  /** What the store's Metrc reporter still owes (issue #20): registers count it in their state backlog and deadline. */
  metrc: z
    .object({
      reporting: z.boolean(),
      queued: z.number().int().nonnegative(),
      parked: z.number().int().nonnegative(),
      oldestQueuedAt: z.iso.datetime({ offset: true }).nullable(),
    })
    .optional(),
});

/** A pairing code as typed (any case, dashes or spaces, I/L for 1 and O for 0): the form both sides hash. */
export function normalisePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** A register takes an online order (issue #21): accepted or rejected there, by it alone. */
export const orderClaimRequestSchema = z.object({ connectionId: id, orderId: id, action: z.enum(['accept', 'reject']) });
export type OrderClaimRequest = z.infer<typeof orderClaimRequestSchema>;
export const orderClaimResponseSchema = z.object({ claimed: z.literal(true), claimedAt: z.iso.datetime({ offset: true }) });

/**
 * The store's registers, managed from a paired register (issue #20: pairing
 * "on the CLI and a screen"): the register decides who may (an admin signed
 * in there), and the store server checks that admin's PIN again itself.
 */
/**
 * The admin at the asking register, with their PIN: the server checks it
 * against the store's roster (an active admin, the PIN's hash there), so a
 * register's credential alone — copied off a stolen machine — cannot make a
 * pairing code (which would pair a machine of its own with the store's
 * keys) or retire the other registers.
 */
export const adminStepUpSchema = z.object({ staffId: id, pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits') });
export const pairingCodeRequestSchema = z.object({ admin: adminStepUpSchema });
/** Crockford's base32 (no I, L, O or U), as XXXXX-XXXXX. */
export const pairingCodeResponseSchema = z.object({
  code: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/),
  expiresAt: z.iso.datetime({ offset: true }),
});

export const storeTerminalSchema = z.object({
  id,
  name: z.string().min(1).max(60),
  pairedAt: z.iso.datetime({ offset: true }),
  retiredAt: z.iso.datetime({ offset: true }).nullable(),
  /** When it was last heard from; null: never, or it signed off cleanly. */
  lastSeenAt: z.iso.datetime({ offset: true }).nullable(),
  designated: z.boolean(),
});
export type StoreTerminal = z.infer<typeof storeTerminalSchema>;
export const storeTerminalsResponseSchema = z.object({ terminals: z.array(storeTerminalSchema).max(1000) });

export const retireTerminalRequestSchema = z.object({ terminalId: id, admin: adminStepUpSchema });
export const retireTerminalResponseSchema = z.object({ retired: storeTerminalSchema });
