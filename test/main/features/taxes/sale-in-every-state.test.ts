import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import type { CommandInput } from '../../../../src/shared/contract';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';
import { value } from '../../../support/result';

/**
 * Issue #24 acceptance: a store in each of the eleven states completes a
 * sale through the contract — drawer, cart, ID check, pay — and its
 * receipt carries each tax. Every expected amount is worked here from the
 * rate and rule cited beside it (half up per line unless the rule says
 * otherwise), never read from the tables under test.
 *
 * Tuesday 24 Nov 2026, 18:00 UTC: late morning in every US zone, and a
 * Tuesday, so the demo store's "Topical Tuesday 20% off" applies.
 */
const clock = new Date('2026-11-24T18:00:00Z');

interface Item {
  readonly product: string;
  readonly quantity?: number;
  readonly weightMg?: number;
}
interface StateCase {
  readonly state: string;
  readonly zone: string;
  readonly saleType: 'adult' | 'medical';
  readonly items: readonly Item[];
  readonly subtotalCents: number;
  readonly discountCents: number;
  /** The receipt's tax lines (in any order), each worked from its rule. */
  readonly taxes: ReadonlyArray<{ readonly name: string; readonly amountCents: number; readonly rule: string }>;
}

const cases: StateCase[] = [
  {
    state: 'CA',
    zone: 'America/Los_Angeles',
    saleType: 'adult',
    items: [{ product: 'Blue Dream 3.5g' }, { product: 'Glass Hand Pipe' }],
    subtotalCents: 5_300,
    discountCents: 0,
    taxes: [
      {
        name: 'CA cannabis excise 15%',
        amountCents: 525,
        rule: 'R&TC §34011.2 as amended by AB 564: 15% from 1 Oct 2025 on $35.00 of cannabis (not the pipe)',
      },
      { name: 'Sales tax (Oakland) 10.25%', amountCents: 359 + 185, rule: 'Oakland combined rate 10.25% on every line: 358.75 → 359, 184.5 → 185' },
    ],
  },
  {
    state: 'CO',
    zone: 'America/Denver',
    saleType: 'adult',
    items: [{ product: 'Blue Dream 3.5g' }, { product: 'Glass Hand Pipe' }],
    subtotalCents: 5_300,
    discountCents: 0,
    taxes: [
      {
        name: 'CO retail marijuana sales tax 15%',
        amountCents: 525,
        rule: 'C.R.S. 39-28.8-202(1)(a)(I): 15% on retail marijuana, none of the 2.9% (39-26-729)',
      },
      { name: 'CO state sales tax 2.9%', amountCents: 52, rule: 'C.R.S. 39-26-106: 2.9% of $18.00 = 52.2 → 52 on the accessory' },
    ],
  },
  {
    state: 'MI',
    zone: 'America/Detroit',
    saleType: 'adult',
    items: [{ product: 'OG Kush 3.5g' }, { product: 'Hemp Rolling Papers' }],
    subtotalCents: 4_300,
    discountCents: 0,
    taxes: [
      { name: 'MI marihuana excise 10%', amountCents: 400, rule: 'MCL 333.27963(1): 10% of $40.00' },
      { name: 'MI sales tax 6%', amountCents: 264 + 18, rule: 'R 205.141(1): 6% of price plus excise, $44.00 → 264; papers 6% of $3.00 → 18' },
    ],
  },
  {
    state: 'MA',
    zone: 'America/New_York',
    saleType: 'adult',
    items: [{ product: 'Sour Watermelon Gummies 10x10mg' }, { product: 'Hemp Rolling Papers' }],
    subtotalCents: 2_300,
    discountCents: 0,
    taxes: [
      { name: 'MA marijuana excise 10.75%', amountCents: 215, rule: 'M.G.L. c.64N §2: 10.75% of $20.00' },
      { name: 'MA sales tax 6.25%', amountCents: 125, rule: 'M.G.L. c.64H §2: 6.25% of $20.00 on the marijuana' },
      { name: 'MA sales tax 6.25%', amountCents: 19, rule: 'M.G.L. c.64H §2: 6.25% of $3.00 = 18.75 → 19 on the papers (a separate tax id)' },
    ],
  },
  {
    state: 'IL',
    zone: 'America/Chicago',
    saleType: 'adult',
    // 22.40% flower, 78% live resin, an edible: one line in each purchaser-excise band.
    items: [{ product: 'Blue Dream 3.5g' }, { product: 'Gelato Live Resin 1g' }, { product: 'Sour Watermelon Gummies 10x10mg' }],
    subtotalCents: 10_000,
    discountCents: 0,
    taxes: [
      { name: 'IL cannabis purchaser excise 10%', amountCents: 350, rule: '410 ILCS 705/65-10(a)(1): ≤ 35% THC, 10% of $35.00' },
      { name: 'IL cannabis purchaser excise 25%', amountCents: 1_125, rule: '65-10(a)(2): > 35% THC, 25% of $45.00' },
      { name: 'IL cannabis purchaser excise 20%', amountCents: 400, rule: '65-10(a)(3): infused, 20% of $20.00' },
      { name: 'IL state ROT 6.25%', amountCents: 219 + 281 + 125, rule: '35 ILCS 120/2-10: 6.25% per line, 218.75 → 219, 281.25 → 281, 125' },
    ],
  },
  {
    state: 'WA',
    zone: 'America/Los_Angeles',
    saleType: 'adult',
    items: [{ product: 'Blue Dream Vape Cartridge 0.5g' }],
    subtotalCents: 3_000,
    discountCents: 0,
    taxes: [
      { name: 'WA cannabis excise 37%', amountCents: 1_110, rule: 'RCW 69.50.535: 37% of $30.00' },
      { name: 'WA state sales tax 6.5%', amountCents: 195, rule: 'RCW 82.08.020: 6.5% of $30.00, excise not in the base' },
    ],
  },
  {
    state: 'OR',
    zone: 'America/Los_Angeles',
    saleType: 'adult',
    // 1.02 g at $9.00/g = $9.18, plus a $12.00 pre-roll.
    items: [{ product: 'House Flower (by the gram)', weightMg: 1_020 }, { product: 'Blue Dream Pre-Roll 1g' }],
    subtotalCents: 918 + 1_200,
    discountCents: 0,
    taxes: [{ name: 'OR marijuana tax 17%', amountCents: 361, rule: 'ORS 475C.674(2),(3): 17% of $21.18 = 360.06 → 361, the next higher cent on the receipt' }],
  },
  {
    state: 'NV',
    zone: 'America/Los_Angeles',
    saleType: 'adult',
    items: [{ product: 'Blue Dream Pre-Roll 1g' }, { product: 'Glass Hand Pipe' }],
    subtotalCents: 3_000,
    discountCents: 0,
    taxes: [
      { name: 'NV cannabis retail excise 10%', amountCents: 120, rule: 'NRS 372A.290(3): 10% of $12.00' },
      { name: 'NV sales tax 6.85% (state-wide)', amountCents: 82 + 123, rule: 'NRS 372.105 + 374: 6.85% of $12.00 = 82.2 → 82, of $18.00 = 123.3 → 123' },
    ],
  },
  {
    state: 'NY',
    zone: 'America/New_York',
    saleType: 'adult',
    items: [{ product: 'Sparkling Lemonade 10mg' }],
    subtotalCents: 700,
    discountCents: 0,
    taxes: [
      { name: 'NY adult-use cannabis tax 9%', amountCents: 63, rule: 'Tax Law §493(b): 9% of $7.00' },
      { name: 'NY adult-use cannabis local tax 4%', amountCents: 28, rule: 'Tax Law §493(c): 4% of $7.00' },
    ],
  },
  {
    state: 'AZ',
    zone: 'America/Phoenix',
    saleType: 'adult',
    // Topical Tuesday: 20% off $35.00 → $28.00, and every tax is on the $28.00 actually charged.
    items: [{ product: 'Cooling Relief Balm 500mg' }],
    subtotalCents: 3_500,
    discountCents: 700,
    taxes: [
      { name: 'AZ marijuana excise 16%', amountCents: 448, rule: 'A.R.S. 42-5452(A): 16% of $28.00' },
      { name: 'AZ state TPT 5.6%', amountCents: 157, rule: 'A.R.S. 42-5010 retail 5.6% of $28.00 = 156.8 → 157' },
    ],
  },
  {
    state: 'FL',
    zone: 'America/New_York',
    saleType: 'medical',
    items: [{ product: 'Blue Dream 3.5g' }],
    subtotalCents: 3_500,
    discountCents: 0,
    taxes: [],
  },
];

let database: TempDatabase | undefined;
afterEach(() => database?.dispose());

async function storeIn(state: string, zone: string): Promise<{ core: Core; db: TempDatabase }> {
  const db = openTempDatabase({ demo: true });
  database = db;
  db.sqlite.prepare('UPDATE stores SET state = ?, time_zone = ?').run(state, zone);
  const core = createCore({ piiKeys: testPiiKeys, database: db, now: () => clock, idleLockMs: 86_400_000 });
  await signIn(core, 'manager');
  value(await core.send('drawer-open', { count: { '2000': 20 } }));
  return { core, db };
}

const tagOf = (db: TempDatabase, name: string): string => {
  const row = db.sqlite
    .prepare('SELECT k.tag FROM packages k JOIN products p ON p.id = k.product_id WHERE p.name = ? AND k.quantity_on_hand > 0 ORDER BY k.packaged_date LIMIT 1')
    .get(name) as { tag: string } | undefined;
  if (row === undefined) throw new Error(`no demo product ${name}`);
  return row.tag;
};

async function checkIn(core: Core, cartId: string, state: string, saleType: 'adult' | 'medical') {
  const id = { idNumber: `${state}5550001`, firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '1980-01-01', expiry: '2031-01-01', issuer: state };
  const input: CommandInput<'customer-check-in'> =
    saleType === 'adult' ? { cartId, saleType, method: 'manual', id } : { cartId, saleType, method: 'manual', id, medicalRegistration: `${state}-MMJ-5550001` };
  if (saleType === 'medical') {
    value(
      await core.send('customer-create', {
        customerType: 'medical',
        firstName: id.firstName,
        lastName: id.lastName,
        dateOfBirth: id.dateOfBirth,
        medicalRegistration: `${state}-MMJ-5550001`,
        medicalExpiry: '2028-12-31',
      }),
    );
  }
  return value(await core.send('customer-check-in', input));
}

const byName = (taxes: ReadonlyArray<{ name: string; amountCents: number }>) =>
  [...taxes].sort((a, b) => a.name.localeCompare(b.name) || a.amountCents - b.amountCents);

describe('a store in each of the eleven states sells end to end, with its taxes on the receipt', () => {
  it.each(cases)('$state ($saleType)', async (c) => {
    const { core, db } = await storeIn(c.state, c.zone);
    const { cartId } = value(await core.send('cart-open', {}));
    for (const item of c.items) {
      value(
        await core.send('cart-scan', {
          cartId,
          code: tagOf(db, item.product),
          ...(item.quantity === undefined ? {} : { quantity: item.quantity }),
          ...(item.weightMg === undefined ? {} : { weightMg: item.weightMg }),
        }),
      );
    }
    const checkedIn = await checkIn(core, cartId, c.state, c.saleType);
    expect(checkedIn).toMatchObject({ outcome: 'accepted', issuer: c.state });

    const sale = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 50_000 }] }));
    const receipt = value(await core.send('sale-receipt', { saleId: sale.saleId }));

    const taxCents = c.taxes.reduce((s, t) => s + t.amountCents, 0);
    expect(byName(receipt.taxes)).toEqual(byName(c.taxes.map(({ name, amountCents }) => ({ name, amountCents }))));
    expect(receipt).toMatchObject({
      status: 'completed',
      subtotalCents: c.subtotalCents,
      discountCents: c.discountCents,
      totalCents: c.subtotalCents - c.discountCents + taxCents,
      changeCents: 50_000 - (c.subtotalCents - c.discountCents + taxCents),
    });
    expect(sale).toMatchObject({ taxCents, totalCents: receipt.totalCents });
    for (const t of c.taxes) expect(t.rule.length, t.name).toBeGreaterThan(0);
  });
});

describe('Illinois taxes each product by the THC potency on file', () => {
  it('charges 25% on a concentrate whose lab result is 35.01% THC, even where its THC mg per gram would round to 35.00% (410 ILCS 705/65-10(a)(2))', async () => {
    const { core, db } = await storeIn('IL', 'America/Chicago');
    // The lab's figure, 35.01%; the label's 350 mg in 1 g reads 35.00% — the band's edge.
    db.sqlite.prepare("UPDATE products SET thc_percent_bp = 3501, thc_mg = 350, net_weight_mg = 1000 WHERE name = 'Gelato Live Resin 1g'").run();
    const { cartId } = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId, code: tagOf(db, 'Gelato Live Resin 1g') }));
    await checkIn(core, cartId, 'IL', 'adult');
    const sale = value(await core.send('sale-complete', { cartId, tenders: [{ tender: 'cash', tenderedCents: 50_000 }] }));
    const receipt = value(await core.send('sale-receipt', { saleId: sale.saleId }));
    // 25% of $45.00 = 1125; ROT 6.25% of $45.00 = 281.25 → 281.
    expect(byName(receipt.taxes)).toEqual(
      byName([
        { name: 'IL cannabis purchaser excise 25%', amountCents: 1_125 },
        { name: 'IL state ROT 6.25%', amountCents: 281 },
      ]),
    );
  });
});
