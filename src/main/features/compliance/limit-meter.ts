import { AppError } from '../../../shared/errors';
import { businessDay } from '../../../shared/domain/store-calendar';
import { evaluateLimits, type Fraction, type LimitUsage } from '../../../shared/domain/compliance/limit-evaluation';
import type { LimitPeriod } from '../../../shared/domain/compliance/limit-rule';
import { rulePackFor } from '../../../shared/domain/compliance/rule-packs';
import type { SaleLineInput } from '../../../shared/domain/pricing/sale-line';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import { buyerOf, limitUsage } from './gate';
import { purchasesUnknownToState } from './limit-ledger';
import { cartLimitItem } from './purchase-history';
import { stateAllotmentUsage, type StateAllotmentUsage, type StateCheck } from './state-allotment';
import type { SaleSubject } from './sale-subject';

/** An exact amount in a rule's unit, as plain integers (num/den in lowest terms, den > 0). */
export interface ExactAmount {
  readonly num: number;
  readonly den: number;
}

export interface LimitMeterBucket {
  readonly ruleId: string;
  readonly bucket: string;
  readonly unit: 'mg' | 'units';
  readonly period: LimitPeriod;
  readonly limit: number;
  /** Earlier purchases in the rule's period (zero when no customer is checked in yet). */
  readonly prior: ExactAmount;
  /** What the cart adds. */
  readonly cart: ExactAmount;
  /** The gate's own verdict: would this cart go over? */
  readonly over: boolean;
}

export interface LimitMeter {
  /** Whether the checked-in customer's earlier purchases are counted; false: this cart alone (no accepted ID check yet). */
  readonly customerCounted: boolean;
  readonly buckets: LimitMeterBucket[];
}

/**
 * The cart's live limit meter: each purchase-limit bucket the customer is
 * under, computed by the sale gate's own engine (`limitUsage`, the state's
 * rule pack, the same ledger history) so the meter and the gate never
 * disagree. Before an ID check the buyer is unknown: the cart alone is
 * measured, against the resident adult's (or the cart's sale type's) rules.
 * Exact fractions throughout; the counter formats them.
 */
export function limitMeter(db: RegisterDb | RegisterTx, keys: PiiKeys, lines: readonly SaleLineInput[], subject: SaleSubject): LimitMeter {
  const pack = rulePackFor(subject.state);
  const day = businessDay(subject.at, subject.timeZone);
  let usage: LimitUsage[];
  let customerCounted = true;
  try {
    usage = limitUsage(db, pack, lines, subject, buyerOf(db, keys, subject, day));
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CHECK_IN_REQUIRED') throw error;
    customerCounted = false;
    usage = evaluateLimits(pack, {
      customerType: subject.customerType,
      resident: true,
      at: subject.at,
      timeZone: subject.timeZone,
      prior: [],
      cart: lines.map(cartLimitItem),
      dateOfBirth: null,
    });
  }
  return {
    customerCounted,
    buckets: usage.map((u) => ({
      ruleId: u.rule.id,
      bucket: u.rule.bucket,
      unit: u.rule.unit,
      period: u.rule.period,
      limit: u.rule.limit,
      prior: exact(u.priorExact),
      cart: exact(u.cartExact),
      over: u.over,
    })),
  };
}

function exact(f: Fraction): ExactAmount {
  const num = Number(f.num);
  const den = Number(f.den);
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) {
    throw new AppError('LIMIT_METER_OUT_OF_RANGE', 'The purchase-limit meter cannot show an amount this large: check the quantities in the cart.');
  }
  return { num, den };
}

/** A medical patient's allotment in the state's system as the cart stands against it (the meter's second part). */
export interface StateAllotmentMeter {
  /** Asked just now, or (offline) the last answer on file. */
  readonly source: 'online' | 'last_known';
  /** When the state answered; null: never asked (offline before the first answer). */
  readonly checkedAt: string | null;
  /** Why the last known answer stands (offline), as the sale will say too. */
  readonly note: string | null;
  /** False: the state says the registration is not active (the sale will be refused). */
  readonly active: boolean | null;
  readonly buckets: StateAllotmentUsage[];
}

/**
 * The state allotment part of the meter, for a medical patient (or their
 * caregiver) where the state holds the allotment: the same state answer the
 * sale gate asks for (`stateCheckForCart`), measured by the gate's own
 * `stateAllotmentUsage`, less this store's sales the state has not seen yet.
 * Before an ID check the buyer is unknown: nothing of theirs is counted yet.
 */
export function stateAllotmentMeter(
  db: RegisterDb | RegisterTx,
  keys: PiiKeys,
  lines: readonly SaleLineInput[],
  subject: SaleSubject,
  check: StateCheck,
): StateAllotmentMeter {
  let unknownToState: ReturnType<typeof purchasesUnknownToState> = [];
  try {
    const buyer = buyerOf(db, keys, subject, businessDay(subject.at, subject.timeZone));
    unknownToState = purchasesUnknownToState(db, buyer.holder, check.source === 'last_known' ? check.at : null, subject.cartId ?? null);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'CHECK_IN_REQUIRED') throw error;
  }
  return {
    source: check.source,
    checkedAt: check.at?.toISOString() ?? null,
    note: check.source === 'last_known' ? check.reason : null,
    active: check.status?.active ?? null,
    buckets: stateAllotmentUsage(check, lines.map(cartLimitItem), unknownToState),
  };
}
