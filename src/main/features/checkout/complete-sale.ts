import { randomUUID } from 'node:crypto';
import { and, eq, gte, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { carts, packages, payments, saleDiscounts, saleLines, sales, saleTaxes, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { bound, preparedOnce } from '../../platform/db/prepared';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { requireActiveDrawerSession } from '../cash-drawer/session';
import { raiseAmlFlags } from '../compliance/aml';
import { raiseOutOfStateFlag } from '../compliance/out-of-state';
import { requireOpenCart } from './cart';
import { saleSubject } from '../compliance/sale-subject';
import { saleOutboxItems } from './sale-outbox';
import { saleLineInputs } from './sale-lines';
import { isCashOnly } from './tender-mode';
import { applyTenders, type AppliedTender, type TenderInput } from '../../../shared/domain/pricing/tenders';
import type { CheckCompliance } from '../compliance/decision';
import type { PricedSale } from '../../../shared/domain/pricing/sale-line';
import type { PriceSale } from './price-sale';
import type { StateCheck } from '../compliance/state-allotment';
import { recordSaleInLedger } from '../compliance/limit-ledger';
import { cartLimitItem } from '../compliance/purchase-history';
import { countPromotionUses } from '../promotions/promotion-store';
import { queueSaleForStore } from '../store-link/store-commands';
import type { StoreHold } from '../store-link/store-commands';
import { recordSaleLoyalty } from '../loyalty/ledger';
import { hasCartRedemption } from '../loyalty/redemption';
import { requireSellableAtSale } from './sellable-at-sale';
import { queueSaleForLoyaltyFeed } from './loyalty-feed';
import { prepaymentOfCart, recordPrepaidDifference } from './prepaid-order';
import { moveStoreCredit, requireStoreCredit } from './store-credit';

export interface CompleteSaleRequest {
  readonly cartId: string;
  readonly terminalId: string;
  readonly staffId: string;
  readonly tenders: readonly TenderInput[];
  readonly madeOffline: boolean;
  /** The state's answer on a medical patient, asked before the transaction (network never runs inside it). */
  readonly stateCheck?: StateCheck | null;
  /** On a register of a store with a server: how the server saw the cart before payment (null: a single register). */
  readonly storeHold?: StoreHold | null;
  readonly now: Date;
  /** Test hook: throw after this step to prove the transaction leaves nothing behind. */
  readonly failAfter?: 'inventory' | 'outbox';
}

export interface CompletedSale {
  readonly saleId: string;
  readonly saleNumber: string;
  readonly totals: Pick<PricedSale, 'subtotalCents' | 'discountCents' | 'taxCents' | 'totalCents'>;
  readonly tenders: readonly AppliedTender[];
  readonly changeCents: number;
  /** The cart had already been completed (a retried request): this is that sale, nothing new was written. */
  readonly replayed: boolean;
}

export interface SaleServices {
  readonly price: PriceSale;
  readonly checkCompliance: CheckCompliance;
}

/**
 * Completes a sale as ONE immediate transaction: sale, lines, discounts,
 * taxes, payments, inventory decrement per package, outbox rows for every
 * destination, the audit entry, the cart closed. Either all of it or none.
 */
export function completeSale(db: RegisterDb, services: SaleServices, request: CompleteSaleRequest): CompletedSale {
  return writeTransaction(db, (tx) => {
    // Idempotent by cart: a completion retried after a lost answer gets the same sale, never a second one.
    const done = saleOfCart(tx, request.cartId, request.terminalId);
    if (done !== null) return done;
    const cart = requireOpenCart(tx, request.cartId, request.terminalId);
    const lines = saleLineInputs(tx, cart.id);
    if (lines.length === 0) throw new AppError('CART_EMPTY', 'The cart is empty — scan something first.');
    // A package can change after it was scanned (a hold, a failed lab result, a recall): the sale asks again.
    for (const line of lines) requireSellableAtSale(tx, line.packageTag);
    const drawer = requireActiveDrawerSession(tx, request.terminalId);
    const subject = {
      ...saleSubject(tx, request.terminalId, cart.customerId, cart.customerType, request.now),
      idVerificationId: cart.idVerificationId,
      stateCheck: request.stateCheck ?? null,
      cartId: cart.id,
    };
    const { holder, ...decision } = services.checkCompliance(tx, lines, subject);
    if (!decision.allowed) {
      const first = decision.violations[0];
      throw new AppError('COMPLIANCE_BLOCKED', first?.message ?? 'This sale is not allowed.', { violations: decision.violations });
    }
    const priced = services.price(tx, lines, { ...subject, cartId: cart.id });
    // Points redeemed are the loyalty discounts pricing applied (a point is a cent); asked for but no longer applicable: refuse.
    const redeemed = priced.lines.flatMap((l) => {
      const points = l.discounts.filter((d) => d.source === 'loyalty').reduce((s, d) => s + d.amountCents, 0);
      return points > 0 ? [{ lineId: l.lineId, points }] : [];
    });
    if (redeemed.length === 0 && hasCartRedemption(tx, cart.id)) {
      throw new AppError(
        'LOYALTY_REDEMPTION_REFUSED',
        'The points on this cart can no longer be redeemed (balance or cart changed): redeem again or remove them.',
      );
    }
    // Store credit is the cart's customer's, up to their balance: refused before anything is written.
    const creditCents = request.tenders.reduce((sum, t) => sum + (t.tender === 'store_credit' ? t.amountCents : 0), 0);
    requireStoreCredit(tx, cart.customerId, creditCents);
    const prepaid = prepaymentOfCart(tx, cart.id);
    const tenders = applyTenders(
      priced.totalCents,
      prepaid === null ? request.tenders : [{ tender: 'prepaid', amountCents: prepaid.amountCents, reference: prepaid.reference }, ...request.tenders],
      isCashOnly(tx, request.terminalId),
    );

    const saleId = randomUUID();
    const saleNumber = nextSaleNumber(tx, request.terminalId);
    insertSale(tx).run({
      id: saleId,
      storeId: subject.storeId,
      terminalId: request.terminalId,
      saleNumber,
      staffId: request.staffId,
      customerId: cart.customerId,
      customerType: cart.customerType,
      subtotalCents: priced.subtotalCents,
      discountCents: priced.discountCents,
      taxCents: priced.taxCents,
      totalCents: priced.totalCents,
      complianceDecision: decision,
      completedAt: request.now,
      // Offline also when the state's check had to use its last known answer.
      madeOffline: request.madeOffline || request.stateCheck?.source === 'last_known',
      drawerSessionId: drawer.id,
      cartId: cart.id,
    });
    insertLines(tx, saleId, lines, priced);
    // Points move with the sale, in its transaction, keyed by it: a replay or a rolled-back attempt never awards twice.
    recordSaleLoyalty(tx, {
      storeId: subject.storeId,
      state: subject.state,
      saleId,
      customerId: cart.customerId,
      lines: lines.map((l) => ({ lineId: l.lineId, category: l.category, netCents: priced.lines.find((p) => p.lineId === l.lineId)?.netCents ?? 0 })),
      redeemed,
      at: request.now,
    });
    // Every discount row naming a promotion counts its sale once, as the count over those rows did.
    countPromotionUses(
      tx,
      priced.lines.flatMap((l) => l.discounts.flatMap((d) => (d.promotionId == null ? [] : [d.promotionId]))),
    );
    for (const t of tenders) {
      insertPayment(tx).run({
        id: randomUUID(),
        saleId,
        // A prepaid order's money and store credit never pass through this drawer: they stay out of its count and Z-report.
        drawerSessionId: t.tender === 'prepaid' || t.tender === 'store_credit' ? null : drawer.id,
        tender: t.tender,
        amountCents: t.amountCents,
        tenderedCents: t.tenderedCents,
        changeCents: t.changeCents,
        reference: t.reference,
        createdAt: request.now,
      });
    }
    if (prepaid !== null) recordPrepaidDifference(tx, prepaid, saleId, priced.totalCents);
    // applyTenders takes store credit exactly as asked (or refuses the sale).
    if (creditCents > 0 && cart.customerId !== null)
      moveStoreCredit(tx, {
        storeId: subject.storeId,
        customerId: cart.customerId,
        saleId,
        amountCents: -creditCents,
        reason: `Spent on sale ${saleNumber}`,
        staffId: request.staffId,
        at: request.now,
      });
    for (const line of lines) decrementPackage(tx, line.packageTag, line.quantity);
    // The purchase counts against its buyer's limits from this commit on, at every register that reads the ledger.
    recordSaleInLedger(tx, {
      storeId: subject.storeId,
      saleId,
      cartId: cart.id,
      holder: { personKey: holder?.personKey ?? null, customerId: holder?.customerId ?? cart.customerId, customerIds: [] },
      at: request.now,
      timeZone: subject.timeZone,
      lines: lines.map((l) => ({ lineId: l.lineId, ...cartLimitItem(l) })),
    });
    if (request.failAfter === 'inventory') throw new Error('injected failure after the inventory write');
    saleOutboxItems(tx, { saleId, saleNumber, subject, lines, priced, now: request.now });
    if (request.storeHold != null) {
      queueSaleForStore(tx, {
        saleId,
        hold: request.storeHold,
        customerType: cart.customerType,
        personKey: holder?.personKey ?? (holder?.customerId == null ? null : `customer:${holder.customerId}`),
        totalCents: priced.totalCents,
        timeZone: subject.timeZone,
        lines,
        at: request.now,
      });
    }
    queueSaleForLoyaltyFeed(tx, saleId, request.now);
    if (request.failAfter === 'outbox') throw new Error('injected failure after the outbox write');
    completeCart(tx).run({ cartId: cart.id, updatedAt: request.now });
    const cashCents = tenders.reduce((sum, t) => sum + (t.tender === 'cash' ? t.amountCents : 0), 0);
    raiseAmlFlags(tx, { storeId: subject.storeId, saleId, customerId: cart.customerId, timeZone: subject.timeZone, at: request.now, cashCents });
    raiseOutOfStateFlag(tx, { storeId: subject.storeId, saleId, timeZone: subject.timeZone, at: request.now });
    appendAudit(tx, {
      at: request.now,
      staffId: request.staffId,
      terminalId: request.terminalId,
      action: 'sale.complete',
      entityType: 'sale',
      entityId: saleId,
      after: {
        saleNumber,
        totalCents: priced.totalCents,
        taxCents: priced.taxCents,
        discountCents: priced.discountCents,
        tenders: tenders.map((t) => t.tender),
        lines: lines.length,
        compliance: decision.rulePack,
        madeOffline: request.madeOffline,
      },
    });
    const changeCents = tenders.reduce((sum, t) => sum + t.changeCents, 0);
    return { saleId, saleNumber, totals: priced, tenders, changeCents, replayed: false };
  });
}

/** The sale a cart already became at this terminal, as its completion answered, or null. */
function saleOfCart(tx: RegisterTx, cartId: string, terminalId: string): CompletedSale | null {
  const sale = saleByCart(tx).get({ cartId, terminalId });
  if (sale === undefined) return null;
  const tenders = paymentsOfSale(tx)
    .all({ saleId: sale.id })
    .map(
      (p) =>
        ({ tender: p.tender, amountCents: p.amountCents, tenderedCents: p.tenderedCents, changeCents: p.changeCents, reference: p.reference }) as AppliedTender,
    );
  return {
    saleId: sale.id,
    saleNumber: sale.saleNumber,
    totals: sale,
    tenders,
    changeCents: tenders.reduce((sum, t) => sum + t.changeCents, 0),
    replayed: true,
  };
}

/** Human-readable and unique per terminal: `C1-000042`. */
function nextSaleNumber(tx: RegisterTx, terminalId: string): string {
  const terminal = terminalById(tx).get({ terminalId });
  if (terminal === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
  setNextSaleSequence(tx).run({ terminalId, next: terminal.nextSaleSequence + 1 });
  return `${terminal.saleNumberPrefix}-${String(terminal.nextSaleSequence).padStart(6, '0')}`;
}

function insertLines(tx: RegisterTx, saleId: string, lines: ReturnType<typeof saleLineInputs>, priced: PricedSale): void {
  for (const line of lines) {
    const p = priced.lines.find((x) => x.lineId === line.lineId);
    if (p === undefined) throw new Error(`pricing lost line ${line.lineId}`);
    insertSaleLine(tx).run({
      id: line.lineId,
      saleId,
      lineNumber: line.lineNumber,
      productId: line.productId,
      packageTag: line.packageTag,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      grossCents: p.grossCents,
      discountCents: p.discountCents,
      taxCents: p.taxCents,
      netCents: p.netCents,
    });
    for (const d of p.discounts) {
      insertSaleDiscount(tx).run({
        id: randomUUID(),
        saleId,
        lineNumber: line.lineNumber,
        source: d.source,
        promotionId: d.promotionId ?? null,
        name: d.name,
        amountCents: d.amountCents,
      });
    }
    for (const t of p.taxes) {
      insertSaleTax(tx).run({ id: randomUUID(), saleId, lineNumber: line.lineNumber, taxId: t.taxId, name: t.name, amountCents: t.amountCents });
    }
  }
}

/** Stock moves by deltas, guarded so it can never go negative even if two terminals race. */
function decrementPackage(tx: RegisterTx, tag: string, quantity: number): void {
  const result = takeFromPackage(tx).run({ tag, quantity });
  if (result.changes !== 1)
    throw new AppError('NOT_ENOUGH_STOCK', `Package …${tag.slice(-6)} no longer holds enough for this sale — rescan the item.`, { tag });
}

// The sale's statements, prepared once per connection (issue #18).
const p = sql.placeholder;

const saleByCart = preparedOnce((db) =>
  db
    .select()
    .from(sales)
    .where(and(eq(sales.cartId, p('cartId')), eq(sales.terminalId, p('terminalId'))))
    .prepare(),
);

const paymentsOfSale = preparedOnce((db) =>
  db
    .select()
    .from(payments)
    .where(and(eq(payments.saleId, p('saleId')), eq(payments.direction, 'payment')))
    .prepare(),
);

const terminalById = preparedOnce((db) =>
  db
    .select()
    .from(terminals)
    .where(eq(terminals.id, p('terminalId')))
    .prepare(),
);

const setNextSaleSequence = preparedOnce((db) =>
  db
    .update(terminals)
    .set({ nextSaleSequence: sql`${p('next')}` })
    .where(eq(terminals.id, p('terminalId')))
    .prepare(),
);

const insertSale = preparedOnce((db) =>
  db
    .insert(sales)
    .values({
      id: p('id'),
      storeId: p('storeId'),
      terminalId: p('terminalId'),
      saleNumber: p('saleNumber'),
      staffId: p('staffId'),
      customerId: p('customerId'),
      customerType: p('customerType'),
      status: 'completed',
      subtotalCents: p('subtotalCents'),
      discountCents: p('discountCents'),
      taxCents: p('taxCents'),
      totalCents: p('totalCents'),
      complianceDecision: p('complianceDecision'),
      completedAt: p('completedAt'),
      madeOffline: p('madeOffline'),
      drawerSessionId: p('drawerSessionId'),
      cartId: p('cartId'),
    })
    .prepare(),
);

const insertSaleLine = preparedOnce((db) =>
  db
    .insert(saleLines)
    .values({
      id: p('id'),
      saleId: p('saleId'),
      lineNumber: p('lineNumber'),
      productId: p('productId'),
      packageTag: p('packageTag'),
      quantity: p('quantity'),
      unitPriceCents: p('unitPriceCents'),
      grossCents: p('grossCents'),
      discountCents: p('discountCents'),
      taxCents: p('taxCents'),
      netCents: p('netCents'),
    })
    .prepare(),
);

const insertSaleDiscount = preparedOnce((db) =>
  db
    .insert(saleDiscounts)
    .values({
      id: p('id'),
      saleId: p('saleId'),
      lineNumber: p('lineNumber'),
      source: p('source'),
      promotionId: p('promotionId'),
      name: p('name'),
      amountCents: p('amountCents'),
    })
    .prepare(),
);

const insertSaleTax = preparedOnce((db) =>
  db
    .insert(saleTaxes)
    .values({ id: p('id'), saleId: p('saleId'), lineNumber: p('lineNumber'), taxId: p('taxId'), name: p('name'), amountCents: p('amountCents') })
    .prepare(),
);

const insertPayment = preparedOnce((db) =>
  db
    .insert(payments)
    .values({
      id: p('id'),
      saleId: p('saleId'),
      direction: 'payment',
      drawerSessionId: p('drawerSessionId'),
      tender: p('tender'),
      amountCents: p('amountCents'),
      tenderedCents: p('tenderedCents'),
      changeCents: p('changeCents'),
      reference: p('reference'),
      createdAt: p('createdAt'),
    })
    .prepare(),
);

const takeFromPackage = preparedOnce((db) =>
  db
    .update(packages)
    .set({ quantityOnHand: sql`${packages.quantityOnHand} - ${p('quantity')}` })
    .where(and(eq(packages.tag, p('tag')), gte(packages.quantityOnHand, p('quantity'))))
    .prepare(),
);

const completeCart = preparedOnce((db) =>
  db
    .update(carts)
    .set({ status: 'completed', updatedAt: bound(carts.updatedAt, 'updatedAt') })
    .where(eq(carts.id, p('cartId')))
    .prepare(),
);
