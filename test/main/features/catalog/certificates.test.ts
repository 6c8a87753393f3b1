import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { value } from '../../../support/result';
import { signIn } from '../../../support/session';

let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager' });
});
afterEach(() => counter.dispose());

const product = (name: string) => counter.database.sqlite.prepare('SELECT id FROM products WHERE name = ?').get(name) as { id: string };
const tags = (productId: string) =>
  (counter.database.sqlite.prepare('SELECT tag FROM packages WHERE product_id = ? ORDER BY tag').all(productId) as Array<{ tag: string }>).map((r) => r.tag);

describe('certificates of analysis', () => {
  it('shows the product’s certificate on its card, terpenes strongest first, in basis points', async () => {
    const { id } = product('Blue Dream 3.5g');
    const coa = value(await counter.core.send('coa-get', { productId: id }));
    expect(coa.product).toMatchObject({
      labName: 'Bay Analytical Labs',
      contaminantsPassed: true,
      cannabinoids: expect.arrayContaining([{ name: 'thca', percentBp: expect.any(Number) }]),
    });
    const terps = coa.product!.terpenes.map((t) => t.percentBp);
    expect(terps).toEqual([...terps].sort((a, b) => b - a));
  });

  it('searches "myrcene > 0.5 %": every product returned meets it, none left out', async () => {
    const found = value(await counter.core.send('coa-search', { query: 'myrcene > 0.5 %', limit: 200 }));
    const expected = counter.database.sqlite
      .prepare(
        "SELECT c.product_id AS id FROM lab_certificates c JOIN lab_analytes a ON a.certificate_id = c.id WHERE c.package_tag IS NULL AND a.name = 'myrcene' AND a.percent_bp > 50 ORDER BY c.product_id",
      )
      .all() as Array<{ id: string }>;
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.map((i) => i.productId).sort()).toEqual(expected.map((r) => r.id));
    for (const item of found.items) expect(item.matched[0]!.percentBp).toBeGreaterThan(50);
    expect(await counter.core.send('coa-search', { query: 'lots of myrcene' })).toMatchObject({ ok: false, error: { code: 'COA_QUERY_INVALID' } });
  });

  it('a package certificate with failed contaminants takes that package off sale (TestFailed), audited', async () => {
    const { id } = product('Jack Herer 3.5g');
    const [first] = tags(id);
    value(
      await counter.core.send('coa-save', {
        productId: id,
        packageTag: first,
        labName: 'Retest Labs',
        testedOn: '2026-11-20',
        contaminantsPassed: false,
        analytes: [{ kind: 'terpene', name: 'Myrcene', percentBp: 85 }],
      }),
    );
    expect(counter.database.sqlite.prepare('SELECT lab_testing_state AS s FROM packages WHERE tag = ?').get(first)).toEqual({ s: 'TestFailed' });
    const cart = value(await counter.core.send('cart-open', {}));
    expect(await counter.core.send('cart-scan', { cartId: cart.cartId, code: first! })).toMatchObject({ ok: false, error: { code: 'PACKAGE_UNTESTED' } });
    expect(value(await counter.core.send('coa-get', { productId: id })).packages).toMatchObject([
      { packageTag: first, terpenes: [{ name: 'myrcene', percentBp: 85 }] },
    ]);
    expect(counter.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'coa.save'").get()).toEqual({ n: 1 });
    await signIn(counter.core, 'budtender');
    expect(await counter.core.send('coa-save', { productId: id, labName: 'x', testedOn: '2026-11-20', contaminantsPassed: true, analytes: [] })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
