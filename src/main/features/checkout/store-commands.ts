import { eq } from 'drizzle-orm';
import type { StoreCommand } from '../../../shared/contract/store-server';
import type { CustomerType } from '../../../shared/contract/values';
import { businessDay } from '../../../shared/domain/store-calendar';
import { limitLedger, outbox, sales } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { STORE_LANE } from '../sync/lanes';
import type { StoreHold } from './store-hold';

/**
 * A sale as the store server records it, queued in the sale's own
 * transaction on the store lane: the limit ledger rows exactly as this
 * register wrote them (same keys), the stock moved per package, and whether
 * it was made cut off from the server. Keyed by the sale id, so the server
 * applies it once however often it is sent.
 */
export function queueSaleForStore(
  tx: RegisterTx,
  sale: {
    readonly saleId: string;
    readonly hold: StoreHold;
    readonly customerType: CustomerType;
    readonly personKey: string | null;
    readonly totalCents: number;
    readonly timeZone: string;
    readonly lines: ReadonlyArray<{ readonly lineId: string; readonly packageTag: string; readonly quantity: number }>;
    readonly at: Date;
  },
): void {
  tx.update(sales).set({ storeIsolated: sale.hold.isolated, configVersion: sale.hold.configVersion }).where(eq(sales.id, sale.saleId)).run();
  const ledger = ledgerRowsOf(tx, sale.saleId, 'sale');
  const command: StoreCommand = {
    type: 'sale.recorded',
    key: `sale:${sale.saleId}`,
    saleId: sale.saleId,
    reservationKey: sale.hold.reservationKey,
    at: sale.at.toISOString(),
    businessDay: businessDay(sale.at, sale.timeZone),
    totalCents: sale.totalCents,
    configVersion: sale.hold.configVersion,
    isolated: sale.hold.isolated,
    personKey: ledger.length === 0 ? null : sale.personKey,
    customerType: sale.customerType,
    resident: null,
    ledger,
    stock: sale.lines.map((l) => ({ key: `sale:${sale.saleId}:${l.lineId}`, packageLabel: l.packageTag, delta: -l.quantity, reason: 'sale' })),
  };
  enqueue(tx, sale.saleId, command, sale.at);
}

/** A void, on a register of a store with a server: the ledger's negative rows and the stock back on the shelf. */
export function queueVoidForStore(
  tx: RegisterTx,
  saleId: string,
  lines: ReadonlyArray<{ readonly lineId: string; readonly packageTag: string; readonly quantity: number }>,
  at: Date,
): void {
  const ledger = ledgerRowsOf(tx, saleId, 'void');
  const personKey = tx.select({ personKey: limitLedger.personKey }).from(limitLedger).where(eq(limitLedger.saleId, saleId)).get()?.personKey ?? null;
  const command: StoreCommand = {
    type: 'sale.voided',
    key: `void:${saleId}`,
    saleId,
    at: at.toISOString(),
    personKey: ledger.length === 0 ? null : personKey,
    ledger,
    stock: lines.map((l) => ({ key: `void:${saleId}:${l.lineId}`, packageLabel: l.packageTag, delta: l.quantity, reason: 'void' })),
  };
  enqueue(tx, saleId, command, at);
}

function ledgerRowsOf(tx: RegisterTx, saleId: string, kind: 'sale' | 'void') {
  return tx
    .select()
    .from(limitLedger)
    .where(eq(limitLedger.saleId, saleId))
    .all()
    .filter((r) => r.kind === kind && r.personKey !== null)
    .map((r) => ({
      lineId: r.lineId,
      kind: r.kind,
      at: r.at.toISOString(),
      businessDay: r.businessDay,
      category: r.category,
      netWeightMg: r.netWeightMg,
      thcMg: r.thcMg,
      quantity: r.quantity,
    }));
}

function enqueue(tx: RegisterTx, aggregateId: string, command: StoreCommand, now: Date): void {
  tx.insert(outbox)
    .values({ destination: STORE_LANE, kind: 'store.command', aggregateId, payload: command, nextAttemptAt: now, createdAt: now, updatedAt: now })
    .run();
}
