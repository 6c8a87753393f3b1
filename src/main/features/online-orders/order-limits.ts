import { eq } from 'drizzle-orm';
import type { CustomerType } from '../../../shared/contract/values';
import { applicableRules, evaluateLimits, firstDayOfPeriod, type LimitUsage } from '../../../shared/domain/compliance/limit-evaluation';
import { limitItem, type LimitItem } from '../../../shared/domain/compliance/limit-item';
import { rulePackFor } from '../../../shared/domain/compliance/rule-packs';
import { limitViolations } from '../../../shared/domain/compliance/purchase-check';
import { businessDay } from '../../../shared/domain/store-calendar';
import { AppError } from '../../../shared/errors';
import { customers, products, stores } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { holdOrderInLedger, ledgerHistory } from '../compliance/limit-ledger';

/** An order line as the purchase limits count it. */
export type OrderLimitLine = LimitItem & { readonly orderLineId: string };

/** The customer an accepted order's goods are held for: the person whose limits they use (a caregiver's patient). */
export interface OrderLimitHolder {
  readonly customerId: string;
  readonly personKey: string | null;
  readonly customerType: CustomerType;
  readonly resident: boolean;
}

/** The lines of an order, matched to their products, as limit items. */
export function orderLimitLines(tx: RegisterTx, lines: ReadonlyArray<{ id: string; productId: string; quantity: number }>): OrderLimitLine[] {
  return lines.map((line) => {
    const product = tx.select().from(products).where(eq(products.id, line.productId)).get();
    if (product === undefined) throw new AppError('ORDER_PRODUCT_UNKNOWN', 'A product of this order is no longer in the catalogue.');
    return { orderLineId: line.id, ...limitItem({ ...product, quantity: line.quantity }) };
  });
}

/**
 * An order that no one person could lawfully take home in one store day is
 * refused at accept: it could never be handed over. "No one person": the
 * order is measured against every sale type the state offers (adult-use
 * and medical: a patient may be allowed more), as a resident adult of
 * settled age with nothing bought yet — the most anyone may buy. Only when
 * it is over for all of them is it refused, naming the bucket and amounts
 * under the medical rules (tried last: usually the widest).
 */
export function refuseOrderOverEveryLimit(tx: RegisterTx, storeId: string, lines: readonly LimitItem[], at: Date): void {
  const store = storeOf(tx, storeId);
  const pack = rulePackFor(store.state);
  const day = businessDay(at, store.timeZone);
  // Age-banded rules (CO 18–20) are for some buyers only: an adult of 30 is the most anyone may be.
  const settledAdult = `${Number(day.slice(0, 4)) - 30}-01-01`;
  const types: CustomerType[] = pack.adultUse ? ['adult', 'medical'] : ['medical'];
  const verdicts = types.map((customerType) =>
    evaluateLimits(pack, { customerType, resident: true, at, timeZone: store.timeZone, prior: [], cart: lines, dateOfBirth: settledAdult }),
  );
  if (verdicts.some((usage) => !usage.some((u) => u.over))) return;
  const last = verdicts[verdicts.length - 1] ?? [];
  const violation = limitViolations(last)[0];
  const over = last.find((u) => u.over);
  throw new AppError(
    'ORDER_OVER_LIMIT',
    `No one may buy this order in one store day: ${violation?.message.replace(/ Remove items to continue\.$/, '') ?? 'it is over a purchase limit'}. Reject it, or substitute with the customer's agreement.`,
    over === undefined ? {} : { bucket: over.rule.bucket, attempted: over.attempted, limit: over.rule.limit, unit: over.rule.unit },
  );
}

/** The customer staff linked the order to, as the limits see them (a caregiver's order uses their patient's limits). */
export function orderLimitHolder(tx: RegisterTx, storeId: string, customerId: string): OrderLimitHolder {
  const customer = tx.select().from(customers).where(eq(customers.id, customerId)).get();
  if (customer === undefined || customer.storeId !== storeId)
    throw new AppError('ORDER_CUSTOMER_UNKNOWN', 'That customer is not in this store: find them by name or ID, or accept the order without linking.');
  const holder =
    customer.customerType === 'caregiver' && customer.caregiverForId !== null
      ? tx.select().from(customers).where(eq(customers.id, customer.caregiverForId)).get()
      : customer;
  if (holder === undefined)
    throw new AppError('CAREGIVER_NO_PATIENT', 'This caregiver has no registered patient on file: register the patient and link the caregiver first.');
  return { customerId: holder.id, personKey: holder.personKey, customerType: customer.customerType, resident: customer.resident };
}

/**
 * Holds the order's goods against the linked customer's store day, after
 * checking they fit with what that person already bought (or has held on
 * other orders) in each rule's period. Their birth date is not opened here:
 * every age band's rule applies, the stricter standing.
 */
export function holdOrderForCustomer(
  tx: RegisterTx,
  input: { storeId: string; cartId: string; holder: OrderLimitHolder; lines: readonly OrderLimitLine[]; at: Date },
): void {
  const store = storeOf(tx, input.storeId);
  const pack = rulePackFor(store.state);
  const day = businessDay(input.at, store.timeZone);
  const { holder } = input;
  const ledgerHolder = { personKey: holder.personKey, customerId: holder.customerId, customerIds: [holder.customerId] };
  const firstDays = applicableRules(pack, holder.customerType, holder.resident, day)
    .map((r) => firstDayOfPeriod(r.period, day))
    .filter((d): d is string => d !== null)
    .sort();
  const first = firstDays[0];
  const usage: LimitUsage[] = evaluateLimits(pack, {
    customerType: holder.customerType,
    resident: holder.resident,
    at: input.at,
    timeZone: store.timeZone,
    prior: first === undefined ? [] : ledgerHistory(tx, ledgerHolder, first, input.cartId),
    cart: input.lines,
    dateOfBirth: null,
  });
  const violation = limitViolations(usage)[0];
  if (violation !== undefined)
    throw new AppError(
      'ORDER_CUSTOMER_OVER_LIMIT',
      `With what this customer already bought or has held today, this order would go over: ${violation.message.replace(/ Remove items to continue\.$/, '')}. Reject it, substitute with the customer's agreement, or accept it without linking (the limits are checked again at handover).`,
      { bucket: violation.category, attempted: violation.attempted, limit: violation.limit, unit: violation.unit },
    );
  holdOrderInLedger(tx, {
    storeId: input.storeId,
    cartId: input.cartId,
    holder: { personKey: holder.personKey, customerId: holder.customerId },
    at: input.at,
    timeZone: store.timeZone,
    lines: input.lines,
  });
}

function storeOf(tx: RegisterTx, storeId: string): { state: string; timeZone: string } {
  const store = tx.select({ state: stores.state, timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get();
  if (store === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This store is not set up in the database. Call IT support.');
  return store;
}
