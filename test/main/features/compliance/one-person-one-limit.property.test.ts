import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { evaluateLimits } from '../../../../src/shared/domain/compliance/limit-evaluation';
import { limitItem, type PriorPurchase } from '../../../../src/shared/domain/compliance/limit-item';
import { rulePackFor } from '../../../../src/shared/domain/compliance/rule-packs';
import type { CustomerType, ProductCategory } from '../../../../src/shared/contract/values';
import type { Result } from '../../../../src/shared/errors';
import { licenceBarcode } from '../../../support/licence';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

/**
 * Issue #15's property: whatever way each person reaches the counter
 * (typed or scanned ID, a saved customer picked by name, a caregiver for
 * their patient) and whatever they buy, return or have voided in one store
 * day, nobody's purchases ever exceed a limit that applies to them, and
 * every refusal names its rule and what was left. The oracle counts from
 * the sales table (not the ledger the register uses), per person as this
 * test knows them.
 */
const ITEMS = [
  'Blue Dream 3.5g',
  'Blue Dream 7g',
  'Zkittlez 28g',
  'OG Kush Shatter 1g',
  'Gelato Live Resin 1g',
  'Sour Watermelon Gummies 10x10mg',
  'THC Tincture 1000mg 30ml',
  'Blue Dream Pre-Roll 1g',
] as const;

interface Person {
  readonly name: string;
  readonly customerType: CustomerType;
  /** How they check in; each way must land on the same person. */
  readonly checkIns: ReadonlyArray<(core: Core, cartId: string) => Promise<Result<{ outcome: string }>>>;
}

const ana = { idNumber: 'D5550001', familyName: 'Ruiz', firstName: 'Ana', dateOfBirth: '1990-01-01', expiry: '2031-01-01', issuer: 'CA' };
const jordan = { idNumber: 'D1234567', familyName: 'Rivera', firstName: 'Jordan', dateOfBirth: '1990-04-12', expiry: '2030-04-12', issuer: 'CA' };
const typed = (l: typeof ana) => ({
  idNumber: l.idNumber,
  firstName: l.firstName,
  lastName: l.familyName,
  dateOfBirth: l.dateOfBirth,
  expiry: l.expiry,
  issuer: l.issuer,
});

const PEOPLE: readonly Person[] = [
  {
    name: 'Ana (ID only)',
    customerType: 'adult',
    checkIns: [
      (core, cartId) => core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id: typed(ana) }),
      (core, cartId) => core.send('customer-check-in', { cartId, saleType: 'adult', method: 'scanned', barcode: licenceBarcode(ana) }),
    ],
  },
  {
    name: 'Jordan (saved customer)',
    customerType: 'adult',
    checkIns: [
      (core, cartId) => core.send('customer-check-in', { cartId, saleType: 'adult', method: 'manual', id: typed(jordan), customerId: 'customer-demo-adult' }),
      (core, cartId) =>
        core.send('customer-check-in', { cartId, saleType: 'adult', method: 'scanned', barcode: licenceBarcode(jordan), customerId: 'customer-demo-adult' }),
      // Jordan without saying who he is: the licence alone is still Jordan.
      (core, cartId) => core.send('customer-check-in', { cartId, saleType: 'adult', method: 'scanned', barcode: licenceBarcode(jordan) }),
    ],
  },
  {
    name: 'Maya (patient) and Robin (her caregiver)',
    customerType: 'medical',
    checkIns: [
      (core, cartId) =>
        core.send('customer-check-in', {
          cartId,
          saleType: 'medical',
          method: 'manual',
          medicalRegistration: 'CA-MMIC-2207841',
          id: { idNumber: 'D3330003', firstName: 'Maya', lastName: 'Chen', dateOfBirth: '1978-11-03', expiry: '2030-01-01', issuer: 'CA' },
        }),
      (core, cartId) =>
        core.send('customer-check-in', {
          cartId,
          saleType: 'medical',
          method: 'manual',
          medicalRegistration: 'CA-CG-5550199',
          id: { idNumber: 'C9990001', firstName: 'Robin', lastName: 'Hale', dateOfBirth: '1970-03-03', expiry: '2030-01-01', issuer: 'CA' },
        }),
    ],
  },
];

type Action =
  | { readonly kind: 'buy'; readonly person: number; readonly via: number; readonly items: ReadonlyArray<readonly [number, number]> }
  | { readonly kind: 'void'; readonly pick: number }
  | { readonly kind: 'return'; readonly pick: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      person: fc.nat(PEOPLE.length - 1),
      via: fc.nat(2),
      items: fc.array(fc.tuple(fc.nat(ITEMS.length - 1), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat(20) }) },
);

/** What a person bought today and still holds (voided sales never happened), from the sales table. */
function history(database: TempDatabase, saleIds: readonly string[]): PriorPurchase[] {
  if (saleIds.length === 0) return [];
  const rows = database.sqlite
    .prepare(
      `SELECT p.category, p.selling_mode AS sellingMode, p.net_weight_mg AS netWeightMg, p.thc_mg AS thcMg, l.quantity, s.completed_at AS at
       FROM sale_lines l JOIN sales s ON s.id = l.sale_id JOIN products p ON p.id = l.product_id
       WHERE s.status = 'completed' AND s.id IN (${saleIds.map(() => '?').join(',')})`,
    )
    .all(...saleIds) as Array<{ category: ProductCategory; sellingMode: 'each' | 'weight'; netWeightMg: number; thcMg: number; quantity: number; at: number }>;
  return rows.map((r) => ({ ...limitItem(r), time: new Date(r.at) }));
}

describe('one person, one limit (property, issue #15)', () => {
  it('no sequence of check-ins, sales, returns and voids lets anyone exceed a limit; every refusal names its rule and what is left', async () => {
    const seen = { sales: 0, refusals: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 10 }), async (actions) => {
        const database = openTempDatabase({ demo: true });
        try {
          let minute = 0;
          const now = () => new Date(Date.UTC(2026, 10, 24, 17, minute)); // 09:00 onwards in Los Angeles
          const core = createCore({ piiKeys: testPiiKeys, database, now, idleLockMs: 86_400_000 });
          await signIn(core, 'manager');
          value(await core.send('drawer-open', { count: { '2000': 50 } }));
          value(
            await core.send('customer-create', {
              customerType: 'caregiver',
              firstName: 'Robin',
              lastName: 'Hale',
              dateOfBirth: '1970-03-03',
              medicalRegistration: 'CA-CG-5550199',
              medicalExpiry: '2028-12-31',
              caregiverFor: 'customer-demo-medical',
            }),
          );
          const tagOf = (name: string) =>
            (
              database.sqlite
                .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? ORDER BY k.quantity_on_hand DESC LIMIT 1')
                .get(name) as { tag: string }
            ).tag;
          const salesOf: string[][] = PEOPLE.map(() => []);
          const sold: string[] = [];
          for (const step of actions) {
            minute += 1;
            if (step.kind === 'buy') {
              const person = PEOPLE[step.person];
              if (person === undefined) continue;
              const { cartId } = value(await core.send('cart-open', {}));
              for (const [item, quantity] of step.items) await core.send('cart-scan', { cartId, code: tagOf(ITEMS[item] ?? ITEMS[0]), quantity });
              const checkIn = value(await (person.checkIns[step.via % person.checkIns.length] ?? person.checkIns[0])!(core, cartId));
              expect(checkIn.outcome).toBe('accepted');
              const paid = await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 1_000_000 }] });
              if (paid.ok) {
                seen.sales += 1;
                salesOf[step.person]?.push(paid.value.saleId);
                sold.push(paid.value.saleId);
              } else {
                if (paid.error.code === 'NOT_ENOUGH_STOCK') continue;
                expect(paid.error.code).toBe('COMPLIANCE_BLOCKED');
                seen.refusals += 1;
                const violations = (paid.error.details as { violations: Array<{ rule: string; remaining?: number; limit: number }> }).violations;
                expect(violations.length).toBeGreaterThan(0);
                for (const v of violations) {
                  expect(v.rule).toMatch(/\(.+\)/); // the rule id and its citation
                  expect(typeof v.remaining).toBe('number');
                  expect(v.remaining).toBeGreaterThanOrEqual(0);
                  expect(v.remaining).toBeLessThanOrEqual(v.limit);
                }
                await core.send('cart-park', { cartId, label: 'refused' });
              }
            } else if (sold.length > 0) {
              const saleId = sold[step.pick % sold.length] ?? '';
              if (step.kind === 'void') await core.send('sale-void', { saleId, reason: 'rung in error' });
              else {
                const line = database.sqlite.prepare('SELECT id FROM sale_lines WHERE sale_id = ? LIMIT 1').get(saleId) as { id: string };
                await core.send('sale-return', { saleId, lines: [{ saleLineId: line.id, quantity: 1 }], reason: 'changed mind', disposition: 'inventory' });
              }
            }
            // The oracle: each person's day, counted from the sales table.
            for (const [index, person] of PEOPLE.entries()) {
              const usage = evaluateLimits(rulePackFor('CA'), {
                customerType: person.customerType,
                resident: true,
                at: now(),
                timeZone: 'America/Los_Angeles',
                prior: history(database, salesOf[index] ?? []),
                cart: [],
              });
              for (const u of usage) expect(u.over, `${person.name}: ${u.rule.id} at ${u.attempted} of ${u.rule.limit}`).toBe(false);
            }
          }
        } finally {
          database.dispose();
        }
      }),
      { numRuns: 15 },
    );
    // The runs really reached both sides of the limits.
    expect(seen.sales).toBeGreaterThan(10);
    expect(seen.refusals).toBeGreaterThan(3);
  });
});
