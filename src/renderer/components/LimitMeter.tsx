import { useEffect, useRef, useState } from 'react';
import type { CartLimits, CartStateAllotment, CartView } from '../../shared/contract/cart';
import { send } from '../transport';

type Bucket = CartLimits['buckets'][number];
type Amount = Bucket['prior'];

/** What the counter calls each limit bucket. */
const bucketLabels: Readonly<Record<string, string>> = {
  flower: 'Flower',
  concentrate: 'Concentrate',
  edible: 'Edibles',
  immature_plant: 'Plants',
  seed: 'Seeds',
  total: 'Total',
  thc: 'THC',
};
const bucketLabel = (bucket: string) => bucketLabels[bucket] ?? bucket.charAt(0).toUpperCase() + bucket.slice(1).replace(/_/g, ' ');

/** An exact amount shown in whole mg, rounded up (never in the customer's favour). */
const wholeUp = (a: Amount): number => Math.ceil(a.num / a.den);
const sum = (a: Amount, b: Amount): Amount => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });

/** "3.5 g", "28.5 g", "1.166 g": grams without trailing zeros (from whole mg, so exact). */
function grams(mg: number): string {
  const whole = Math.floor(mg / 1000);
  const rest = String(mg % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${whole.toLocaleString('en-US')}${rest === '' ? '' : `.${rest}`} g`;
}

type Allotment = NonNullable<CartStateAllotment['allotment']>;
const allotmentLabels: Readonly<Record<Allotment['buckets'][number]['bucket'], string>> = { flower: 'Flower', concentrate: 'Concentrate', infused: 'Infused' };
const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });

/** One allotment bucket as a budtender says it: "Flower 3.5 g of 56.699 g left (state)", with sales the state has not seen yet. */
export function allotmentText(b: Allotment['buckets'][number]): string {
  const taking = b.cartMg + b.unknownToStateMg;
  return `${allotmentLabels[b.bucket]} ${grams(taking)} of ${grams(b.availableMg)} left${
    b.unknownToStateMg > 0 ? ` (${grams(b.unknownToStateMg)} sold here not yet in the state system)` : ''
  }`;
}

/** Where the allotment figures come from: the state just now, or its last answer (offline), said as the sale will say it. */
function allotmentSource(a: Allotment): string {
  if (a.source === 'online') return `State allotment, from the state system at ${a.checkedAt === null ? 'now' : clock(a.checkedAt)}`;
  return `State allotment, last known${a.checkedAt === null ? ': the state has not answered yet' : ` from ${clock(a.checkedAt)}`}${a.note === null ? '' : ` (${a.note})`}`;
}

const amount = (value: number, unit: Bucket['unit']) => (unit === 'mg' ? grams(value) : `${value} unit${value === 1 ? '' : 's'}`);

/** A limit's period in the counter's words: "this sale", "today", "in 31 days". */
export function periodText(period: Bucket['period']): string {
  if (period === 'transaction') return 'this sale';
  if (period === 'calendar_day') return 'today';
  return `in ${period.rollingDays} days`;
}

/** One line per bucket, as a budtender says it: "Flower 3.5 g of 28.5 g today". */
export function meterText(bucket: Bucket): string {
  const used = wholeUp(sum(bucket.prior, bucket.cart));
  const earlier = wholeUp(bucket.prior);
  return `${bucketLabel(bucket.bucket)} ${amount(used, bucket.unit)} of ${amount(bucket.limit, bucket.unit)} ${periodText(bucket.period)}${
    earlier > 0 ? ` (${amount(earlier, bucket.unit)} earlier)` : ''
  }`;
}

/**
 * The cart's live purchase-limit meter: each bucket something counts toward,
 * asked of the core after every change to the cart (the sale gate's own
 * engine), so the budtender sees a limit coming before payment.
 */
export function LimitMeter({ cart }: { readonly cart: CartView | null }) {
  const [limits, setLimits] = useState<CartLimits | null>(null);
  const [allotment, setAllotment] = useState<Allotment | null>(null);
  const asked = useRef(0);
  useEffect(() => {
    const ask = ++asked.current;
    if (cart === null) {
      setLimits(null);
      setAllotment(null);
      return;
    }
    void send('cart-limits', { cartId: cart.cartId }).then((result) => {
      // Only the newest answer counts; a failure leaves the meter out rather than wrong.
      if (ask === asked.current) setLimits(result.ok ? result.value : null);
    });
    // A patient's (or caregiver's) cart: where the state holds the allotment, the gate's own state check measures it too.
    if (cart.customerId == null || cart.customerType === 'adult') setAllotment(null);
    else
      void send('cart-state-allotment', { cartId: cart.cartId }).then((result) => {
        if (ask === asked.current) setAllotment(result.ok ? result.value.allotment : null);
      });
  }, [cart]);
  if (limits === null || cart === null) return null;
  const shown = limits.buckets.filter((b) => b.prior.num > 0 || b.cart.num > 0);
  if (shown.length === 0 && allotment === null) return null;
  return (
    <div className="limit-meter" data-testid="limit-meter">
      <ul aria-label="Purchase limits">
        {shown.map((b) => {
          const used = wholeUp(sum(b.prior, b.cart));
          return (
            <li key={b.ruleId} className={b.over ? 'over' : undefined} data-testid={`limit-${b.bucket}`}>
              <span>
                {b.over ? '⚠ ' : ''}
                {meterText(b)}
              </span>
              <meter min={0} max={b.limit} value={Math.min(used, b.limit)} aria-label={`${bucketLabel(b.bucket)} limit used`} />
            </li>
          );
        })}
      </ul>
      {limits.customerCounted ? null : <p className="muted">This cart only: check the ID to count today’s earlier purchases.</p>}
      {allotment === null ? null : (
        <div className="state-allotment" data-testid="state-allotment">
          <p className="muted" data-testid="state-allotment-source">
            {allotmentSource(allotment)}
          </p>
          {allotment.active === false ? (
            <p className="field-error">⚠ The state says this registration is not active.</p>
          ) : (
            <ul aria-label="State allotment">
              {allotment.buckets.map((b) => (
                <li key={b.bucket} className={b.over ? 'over' : undefined} data-testid={`state-allotment-${b.bucket}`}>
                  <span>
                    {b.over ? '⚠ ' : ''}
                    {allotmentText(b)}
                  </span>
                  <meter
                    min={0}
                    max={Math.max(1, b.availableMg)}
                    value={Math.min(b.cartMg + b.unknownToStateMg, b.availableMg)}
                    aria-label={`${allotmentLabels[b.bucket]} state allotment used`}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
