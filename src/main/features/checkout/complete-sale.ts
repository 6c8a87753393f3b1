import { randomUUID } from 'node:crypto';
import { and, eq, gte, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import { carts, packages, payments, saleDiscounts, saleLines, sales, saleTaxes, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
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
import type { PriceSale } from './price-sale';
import type { CheckCompliance } from '../compliance/decision';
import type { PricedSale } from '../../../shared/domain/pricing/sale-line';
import type { StateCheck } from '../compliance/state-allotment';
import { recordSaleInLedger } from '../compliance/limit-ledger';
import { cartLimitItem } from '../compliance/purchase-history';

export interface CompleteSaleRequest {
  readonly cartId: string;
  readonly terminalId: string;
  readonly staffId: string;
  readonly tenders: readonly TenderInput[];
  readonly madeOffline: boolean;
  /** The state's answer on a medical patient, asked before the transaction (network never runs inside it). */
  readonly stateCheck?: StateCheck | null;
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
    const drawer = requireActiveDrawerSession(tx, request.terminalId);
    const subject = {
      ...saleSubject(tx, request.terminalId, cart.customerId, cart.customerType, request.now),
      idVerificationId: cart.idVerificationId,
      stateCheck: request.stateCheck ?? null,
    };
    const { holder, ...decision } = services.checkCompliance(tx, lines, subject);
    if (!decision.allowed) {
      const first = decision.violations[0];
      throw new AppError('COMPLIANCE_BLOCKED', first?.message ?? 'This sale is not allowed.', { violations: decision.violations });
    }
    const priced = services.price(tx, lines, { ...subject, cartId: cart.id });
    const tenders = applyTenders(priced.totalCents, request.tenders, isCashOnly(tx, request.terminalId));

    const saleId = randomUUID();
    const saleNumber = nextSaleNumber(tx, request.terminalId);
    tx.insert(sales)
      .values({
        id: saleId,
        storeId: subject.storeId,
        terminalId: request.terminalId,
        saleNumber,
        staffId: request.staffId,
        customerId: cart.customerId,
        customerType: cart.customerType,
        status: 'completed',
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
      })
      .run();
    insertLines(tx, saleId, lines, priced);
    for (const t of tenders) {
      tx.insert(payments)
        .values({
          id: randomUUID(),
          saleId,
          direction: 'payment',
          drawerSessionId: drawer.id,
          tender: t.tender,
          amountCents: t.amountCents,
          tenderedCents: t.tenderedCents,
          changeCents: t.changeCents,
          reference: t.reference,
          createdAt: request.now,
        })
        .run();
    }
    for (const line of lines) decrementPackage(tx, line.packageTag, line.quantity);
    // The purchase counts against its buyer's limits from this commit on, at every register that reads the ledger.
    recordSaleInLedger(tx, {
      storeId: subject.storeId,
      saleId,
      holder: { personKey: holder?.personKey ?? null, customerId: holder?.customerId ?? cart.customerId, customerIds: [] },
      at: request.now,
      timeZone: subject.timeZone,
      lines: lines.map((l) => ({ lineId: l.lineId, ...cartLimitItem(l) })),
    });
    if (request.failAfter === 'inventory') throw new Error('injected failure after the inventory write');
    saleOutboxItems(tx, { saleId, saleNumber, subject, lines, priced, now: request.now });
    if (request.failAfter === 'outbox') throw new Error('injected failure after the outbox write');
    tx.update(carts).set({ status: 'completed', updatedAt: request.now }).where(eq(carts.id, cart.id)).run();
    raiseAmlFlags(tx, { storeId: subject.storeId, saleId, customerId: cart.customerId, timeZone: subject.timeZone, at: request.now });
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
  const sale = tx
    .select()
    .from(sales)
    .where(and(eq(sales.cartId, cartId), eq(sales.terminalId, terminalId)))
    .get();
  if (sale === undefined) return null;
  const tenders = tx
    .select()
    .from(payments)
    .where(and(eq(payments.saleId, sale.id), eq(payments.direction, 'payment')))
    .all()
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
  const terminal = tx.select().from(terminals).where(eq(terminals.id, terminalId)).get();
  if (terminal === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
  tx.update(terminals)
    .set({ nextSaleSequence: terminal.nextSaleSequence + 1 })
    .where(eq(terminals.id, terminalId))
    .run();
  return `${terminal.saleNumberPrefix}-${String(terminal.nextSaleSequence).padStart(6, '0')}`;
}

function insertLines(tx: RegisterTx, saleId: string, lines: ReturnType<typeof saleLineInputs>, priced: PricedSale): void {
  for (const line of lines) {
    const p = priced.lines.find((x) => x.lineId === line.lineId);
    if (p === undefined) throw new Error(`pricing lost line ${line.lineId}`);
    tx.insert(saleLines)
      .values({
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
      })
      .run();
    for (const d of p.discounts) {
      tx.insert(saleDiscounts)
        .values({
          id: randomUUID(),
          saleId,
          lineNumber: line.lineNumber,
          source: d.source,
          promotionId: d.promotionId ?? null,
          name: d.name,
          amountCents: d.amountCents,
        })
        .run();
    }
    for (const t of p.taxes) {
      tx.insert(saleTaxes).values({ id: randomUUID(), saleId, lineNumber: line.lineNumber, taxId: t.taxId, name: t.name, amountCents: t.amountCents }).run();
    }
  }
}

/** Stock moves by deltas, guarded so it can never go negative even if two terminals race. */
function decrementPackage(tx: RegisterTx, tag: string, quantity: number): void {
  const result = tx
    .update(packages)
    .set({ quantityOnHand: sql`${packages.quantityOnHand} - ${quantity}` })
    .where(and(eq(packages.tag, tag), gte(packages.quantityOnHand, quantity)))
    .run();
  if (result.changes !== 1)
    throw new AppError('NOT_ENOUGH_STOCK', `Package …${tag.slice(-6)} no longer holds enough for this sale — rescan the item.`, { tag });
}
