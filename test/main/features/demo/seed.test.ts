import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core/create-core';
import { isBlank } from '../../../../src/main/features/store/first-run';
import { hasValidGtinCheckDigit } from '../../../../src/shared/barcode/gtin';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../../support/temp-db';

let database: TempDatabase;
beforeEach(() => {
  database = openTempDatabase({ demo: true });
});
afterEach(() => database.dispose());

const all = <T>(sql: string): T[] => database.sqlite.prepare(sql).all() as T[];

describe('demo store', () => {
  it('is a California store in its own time zone', async () => {
    const result = await createCore({ piiKeys: testPiiKeys, database }).invoke('store-get', {});
    expect(result).toMatchObject({ ok: true, value: { store: { state: 'CA', timeZone: 'America/Los_Angeles' }, terminal: { name: 'Counter 1' } } });
    expect(isBlank(database.db)).toBe(false);
  });

  it('has about fifty products across the counter categories', () => {
    const byCategory = new Map(
      all<{ category: string; n: number }>('SELECT category, count(*) AS n FROM products GROUP BY category').map((r) => [r.category, r.n]),
    );
    expect([...byCategory.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(45);
    for (const category of ['flower', 'preroll', 'vape', 'edible', 'concentrate', 'topical']) expect(byCategory.get(category)).toBeGreaterThanOrEqual(3);
  });

  it('gives every UPC a correct check digit and every package a unique 24-character tag', () => {
    const upcs = all<{ upc: string }>('SELECT upc FROM products WHERE upc IS NOT NULL').map((r) => r.upc);
    expect(upcs.every(hasValidGtinCheckDigit)).toBe(true);
    expect(new Set(upcs).size).toBe(upcs.length);
    const tags = all<{ tag: string }>('SELECT tag FROM packages').map((r) => r.tag);
    expect(tags.every((t) => /^1A4[0-9A-Z]{21}$/.test(t))).toBe(true);
    expect(new Set(tags).size).toBe(tags.length);
  });

  it('keeps money in whole cents and weights in whole milligrams', () => {
    const bad = all("SELECT id FROM products WHERE typeof(price_cents) != 'integer' OR typeof(net_weight_mg) != 'integer' OR typeof(thc_mg) != 'integer'");
    expect(bad).toEqual([]);
  });

  it('includes a medical patient whose card has expired and one under 21', () => {
    const people = all<{ first_name: string; customer_type: string; medical_expiry: string | null; date_of_birth: string }>('SELECT * FROM customers');
    expect(people.some((p) => p.customer_type === 'medical' && p.medical_expiry !== null && p.medical_expiry < '2026-11-24')).toBe(true);
    expect(people.some((p) => p.date_of_birth > '2005-11-24')).toBe(true);
  });
});
