import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';
import { value } from '../../../support/result';
import { checkInSaved } from '../../../support/check-in';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';

let counter: Counter;
beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 5 });
});

async function sellOne(): Promise<string> {
  const cart = value(await counter.core.send('cart-open', {}));
  value(await counter.core.send('cart-scan', { cartId: cart.cartId, code: demoPackageTag(2) }));
  await checkInSaved(counter.core, counter.database, cart.cartId, 'customer-demo-adult');
  return value(await counter.core.send('sale-complete', { cartId: cart.cartId, tenders: [{ tender: 'cash', tenderedCents: 10_000 }] })).saleId;
}
afterEach(() => counter.dispose());

const templates = () => counter.database.sqlite.prepare('SELECT kind, name, body FROM message_templates ORDER BY name').all();
const audits = (action: string) => (counter.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

describe('customer-facing templates and the medical-claim list', () => {
  it('refuses to save a template that makes a medical claim, naming the phrase and its source, and writes nothing', async () => {
    const result = await counter.core.send('message-template-save', {
      kind: 'sms',
      name: 'restock',
      body: 'Our new CBD tincture cures anxiety — back in stock!',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'MEDICAL_CLAIM', details: { phrases: ['cures', 'anxiety'] } } });
    expect(!result.ok && result.error.message).toContain('“cures” (21 U.S.C. §321(g)(1)(B)');
    expect(templates()).toEqual([]);
    expect(audits('template.save')).toBe(0);
  });

  it('saves a template describing the product, and replaces it by name (audited)', async () => {
    const first = await counter.core.send('message-template-save', { kind: 'receipt_message', name: 'footer', body: 'Thanks! Ask us about terpenes.' });
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    const again = await counter.core.send('message-template-save', { kind: 'receipt_message', name: 'footer', body: 'Thanks for visiting.' });
    expect(again).toMatchObject({ ok: true, value: { created: false } });
    expect(templates()).toEqual([{ kind: 'receipt_message', name: 'footer', body: 'Thanks for visiting.' }]);
    expect(audits('template.save')).toBe(2);
    // A receipt message with a claim is refused too, and the saved one is kept.
    expect(await counter.core.send('message-template-save', { kind: 'receipt_message', name: 'footer', body: 'Treats PTSD.' })).toMatchObject({
      ok: false,
      error: { code: 'MEDICAL_CLAIM' },
    });
    expect(templates()).toEqual([{ kind: 'receipt_message', name: 'footer', body: 'Thanks for visiting.' }]);
  });

  it('prints the saved receipt message on receipts, after the statutory lines', async () => {
    value(await counter.core.send('message-template-save', { kind: 'receipt_message', name: 'footer', body: 'Ask us about this month’s terpene flight.' }));
    const saleId = await sellOne();
    const receipt = value(await counter.core.send('sale-receipt', { saleId }));
    expect(receipt.footer).toEqual([
      'Keep out of reach of children and animals.',
      'For use only by adults 21 and older.',
      'Ask us about this month’s terpene flight.',
      'Thank you!',
    ]);
  });

  it('a compliance officer adds a term with its source; templates are then checked against it', async () => {
    expect(
      await counter.core.send('claim-rule-add', { term: 'Fibromyalgia', kind: 'disease', citation: 'Store policy', summary: 'Added after review' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await signIn(counter.core, 'compliance_officer');
    expect(
      await counter.core.send('claim-rule-add', { term: 'Fibromyalgia', kind: 'disease', citation: 'Store policy 4.2', summary: 'Added after review' }),
    ).toMatchObject({
      ok: true,
      value: { ruleId: expect.stringMatching(/^store:/) },
    });
    expect(await counter.core.send('claim-rule-add', { term: 'fibromyalgia', kind: 'disease', citation: 'x', summary: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CLAIM_RULE_EXISTS' },
    });
    expect(audits('claim_rule.add')).toBe(1);
    const list = await counter.core.send('claim-rules-list', {});
    expect(list.ok && list.value.items.filter((r) => !r.builtIn)).toMatchObject([
      { terms: ['fibromyalgia'], source: { citation: 'Store policy 4.2', verify: true } },
    ]);
    await signIn(counter.core, 'manager');
    expect(await counter.core.send('message-template-save', { kind: 'sms', name: 'x', body: 'Good for fibromyalgia' })).toMatchObject({
      ok: false,
      error: { code: 'MEDICAL_CLAIM', details: { phrases: ['fibromyalgia'] } },
    });
  });
});
