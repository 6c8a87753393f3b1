import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { applicableRules, evaluateLimits } from '../../../shared/domain/compliance/limit-evaluation';
import { overAllowance, type IsolationPolicy } from '../../../shared/domain/compliance/isolation-policy';
import type { LimitItem } from '../../../shared/domain/compliance/limit-item';
import { rulePackFor } from '../../../shared/domain/compliance/rule-packs';
import { businessDay } from '../../../shared/domain/store-calendar';
import type { RegisterDb } from '../../platform/db/open';
import { limitLedger, sales } from '../../platform/db/schema';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { buyerOf } from '../compliance/gate';
import { cartLimitItem } from '../compliance/purchase-history';
import { saleSubject } from '../compliance/sale-subject';
import { StoreUnreachable } from '../store-link/store-client';
import type { StoreLinkMonitor } from '../store-link/store-connection';
import { requireOpenCart } from './cart';
import type { StoreHold } from '../store-link/store-commands';
import { saleLineInputs } from './sale-lines';

/**
 * Before payment, on a register of a store with a server: hold the cart's
 * use of the buyer's limits at the store server, so that no other register
 * can sell the same person past a limit in the same moment. Runs before the
 * sale's transaction (no network inside one). Refused there: refused here,
 * with the store's numbers. Server unreachable: the store's isolation
 * policy for this sale type decides. A single register (not paired) skips
 * all of this.
 */
export async function holdStoreLimits(
  db: RegisterDb,
  keys: PiiKeys,
  link: StoreLinkMonitor,
  request: { readonly cartId: string; readonly terminalId: string; readonly now: Date },
): Promise<StoreHold | null> {
  const state = link.state();
  if (!state.linked) return null;
  const cart = requireOpenCart(db, request.cartId, request.terminalId);
  const lines = saleLineInputs(db, cart.id);
  const subject = { ...saleSubject(db, request.terminalId, cart.customerId, cart.customerType, request.now), idVerificationId: cart.idVerificationId };
  const base = { configVersion: state.configVersion };
  const items = lines.map(cartLimitItem);
  const day = businessDay(request.now, subject.timeZone);
  const pack = rulePackFor(subject.state);
  const buyer = lines.length === 0 ? null : buyerOf(db, keys, subject, day);
  const limited =
    buyer !== null && applicableRules(pack, subject.customerType, buyer.resident, day).some((r) => items.some((i) => r.counts[i.category] !== undefined));
  if (!limited || buyer === null) return { ...base, isolated: state.mode === 'isolated', reservationKey: null };
  const personKey = buyer.holder.personKey ?? `customer:${buyer.holder.customerId ?? cart.id}`;
  try {
    const answer = await link.reserve({
      saleId: cart.id,
      personKey,
      aliases: [...(buyer.holder.aliasKeys ?? [])],
      customerType: subject.customerType,
      resident: buyer.resident,
      dateOfBirth: buyer.holderDateOfBirth,
      at: request.now.toISOString(),
      cart: items,
    });
    if (answer.outcome === 'refused') {
      throw new AppError('COMPLIANCE_BLOCKED', `${answer.violations[0]?.message ?? 'Over a purchase limit'} (counting every register in the store).`, {
        violations: answer.violations,
        store: true,
      });
    }
    return { ...base, isolated: false, reservationKey: cart.id };
  } catch (error) {
    if (!(error instanceof StoreUnreachable)) throw error;
    const policy = state.isolation[subject.customerType];
    refuseIfPolicyForbids(db, policy, state.designated, { pack, personKey, subject, buyer, items, day, terminalId: request.terminalId });
    return { ...base, isolated: true, reservationKey: null };
  }
}

function refuseIfPolicyForbids(
  db: RegisterDb,
  policy: IsolationPolicy,
  designated: boolean,
  c: {
    pack: ReturnType<typeof rulePackFor>;
    personKey: string;
    subject: ReturnType<typeof saleSubject>;
    buyer: NonNullable<ReturnType<typeof buyerOf>>;
    items: LimitItem[];
    day: string;
    terminalId: string;
  },
): void {
  const cutOff = 'This register cannot reach the store server';
  switch (policy.mode) {
    case 'refuse':
      throw new AppError(
        'STORE_ISOLATED_REFUSED',
        `${cutOff}, and the store's policy sells no limited goods while a register is cut off (limits could not be checked across the store). Goods that count toward no limit can still be sold; or use a connected register.`,
      );
    case 'designated':
      if (!designated)
        throw new AppError(
          'STORE_ISOLATED_REFUSED',
          `${cutOff}: by the store's policy only the designated register sells limited goods while cut off. Goods that count toward no limit can still be sold here.`,
        );
      return;
    case 'allowance': {
      // What this register sold the person while cut off today, plus this cart, against the allowance alone.
      const prior = db
        .select({ l: limitLedger })
        .from(limitLedger)
        .innerJoin(sales, eq(sales.id, limitLedger.saleId))
        .where(
          and(eq(limitLedger.personKey, c.personKey), eq(limitLedger.businessDay, c.day), eq(sales.storeIsolated, true), eq(sales.terminalId, c.terminalId)),
        )
        .all()
        .map(({ l }) => ({ category: l.category, netWeightMg: l.netWeightMg, thcMg: l.thcMg, quantity: l.quantity, time: l.at, day: l.businessDay }));
      const usage = evaluateLimits(c.pack, {
        customerType: c.subject.customerType,
        resident: c.buyer.resident,
        at: c.subject.at,
        timeZone: c.subject.timeZone,
        prior,
        cart: c.items,
        dateOfBirth: c.buyer.holderDateOfBirth,
      });
      const over = usage.find((u) => u.rule.period !== 'transaction' && overAllowance(u, policy));
      if (over !== undefined)
        throw new AppError(
          'STORE_ISOLATED_REFUSED',
          `${cutOff}: while cut off, the store's policy allows each person ${policy.allowance[over.rule.bucket] ?? 0} ${over.rule.unit} of ${over.rule.bucket} at this register today, and this cart would pass it.`,
        );
    }
  }
}
