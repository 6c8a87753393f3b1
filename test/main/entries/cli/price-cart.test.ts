import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { captureIo, spawnCli } from '../../../support/cli';
import { tempDir } from '../../../support/temp-db';

const dir = tempDir();
afterAll(() => dir.cleanup());
const write = (name: string, content: unknown) => {
  const path = join(dir.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

/** The README's example: Chicago, adult use, a flower by potency, a discounted vape, two edibles. */
const chicago = {
  state: 'IL',
  saleType: 'adult',
  saleTime: '2026-06-15T19:00:00Z',
  timeZone: 'America/Chicago',
  localTaxes: [
    {
      id: 'chicago-cannabis',
      name: 'Chicago cannabis ROT 3%',
      jurisdiction: 'IL/Cook/Chicago',
      rateBp: 300,
      appliesTo: 'cannabis',
      medicalExempt: true,
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      citation: 'Chicago Mun. Code ch. 3-46',
    },
  ],
  lines: [
    { category: 'flower', unitPriceCents: 4_000, quantity: 1, thcPotencyBp: 2_200 },
    { category: 'vape', unitPriceCents: 5_000, quantity: 1, thcMg: 850, netWeightMg: 1_000, discount: { kind: 'percent', value: 1_000 } },
    { category: 'edible', unitPriceCents: 2_000, quantity: 2 },
  ],
};

describe('price-cart', () => {
  it('prices the README case with the register pricing and prints every tax with rate, base, amount and citation, end to end', () => {
    const result = spawnCli(['price-cart', write('chicago.json', chicago)]);
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout);
    // Flower 22%: 10% excise. Vape 85% after 10% off ($45): 25%. Edibles ($40): 20%. ROT 6.25% and city 3% on each net.
    expect(
      out.lines.map((l: { taxes: Array<{ taxId: string; rateBp: number; baseCents: number; amountCents: number }> }) =>
        l.taxes.map((t) => [t.taxId, t.rateBp, t.baseCents, t.amountCents]),
      ),
    ).toEqual([
      [
        ['il-cpet-low', 1_000, 4_000, 400],
        ['il-rot-adult', 625, 4_000, 250],
        ['local-chicago-cannabis', 300, 4_000, 120],
      ],
      [
        ['il-cpet-high', 2_500, 4_500, 1_125],
        ['il-rot-adult', 625, 4_500, 281],
        ['local-chicago-cannabis', 300, 4_500, 135],
      ],
      [
        ['il-cpet-infused', 2_000, 4_000, 800],
        ['il-rot-adult', 625, 4_000, 250],
        ['local-chicago-cannabis', 300, 4_000, 120],
      ],
    ]);
    expect(out.lines[0].taxes[0].citation).toContain('410 ILCS 705/65-10(a)(1)');
    expect(out).toMatchObject({
      subtotalCents: 13_000,
      discountCents: 500,
      taxCents: 3_481,
      totalCents: 15_981,
      taxTableVersion: '2026-06-01.1',
      businessDay: '2026-06-15',
    });
  });

  it('refuses a malformed case with a typed error and exit 1', async () => {
    const io = captureIo();
    expect(await runCli(['price-cart', write('bad.json', { ...chicago, lines: [{ category: 'flower', unitPriceCents: 12.5, quantity: 1 }] })], io)).toBe(1);
    expect(JSON.parse(io.out())).toEqual({ error: { code: 'CASE_INVALID', message: expect.stringContaining('lines.0.unitPriceCents') } });
  });

  it('refuses unreadable JSON, adult sales in Florida, a local tax over the state cap, and a missing potency', async () => {
    const run = async (content: unknown) => {
      const io = captureIo();
      const code = await runCli(['price-cart', write('case.json', content)], io);
      return [code, JSON.parse(io.out()).error.code];
    };
    expect(await run('{not json')).toEqual([1, 'CASE_UNREADABLE']);
    expect(await run({ ...chicago, state: 'FL', localTaxes: [] })).toEqual([1, 'SALE_TYPE_NOT_OFFERED']);
    expect(await run({ ...chicago, localTaxes: [{ ...chicago.localTaxes[0], rateBp: 400 }] })).toEqual([1, 'LOCAL_TAX_INVALID']);
    expect(await run({ ...chicago, lines: [{ category: 'flower', unitPriceCents: 4_000, quantity: 1 }] })).toEqual([1, 'TAX_POTENCY_UNKNOWN']);
    expect(await run({ ...chicago, state: 'TX' })).toEqual([1, 'TAX_TABLE_MISSING']);
  });
});
