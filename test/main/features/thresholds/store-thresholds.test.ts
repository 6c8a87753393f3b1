import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { value } from '../../../support/result';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { signIn } from '../../../support/session';

/**
 * The store's thresholds (issue #20: "the idle-cart, drawer-variance and
 * count-approval thresholds have no screen or command"): a manager reads and
 * sets them; each change is audited with its before and after and applies at
 * once; what is out of bounds or not the manager's to change is refused.
 */
let counter: Counter;
let database: Counter['database'];
let core: Counter['core'];
beforeEach(async () => {
  counter = await registerAtTheCounter({ drawerTwenties: 5 });
  ({ database, core } = counter);
});
afterEach(() => counter.dispose());

const DEFAULTS = { idleCart: { openMinutes: 30, parkedMinutes: 240 }, drawerVarianceCents: 100, adjustmentApprovalCents: 5_000 };
const audits = () =>
  database.sqlite.prepare("SELECT entity_id AS key, before, after FROM audit_log WHERE action = 'settings.threshold' ORDER BY seq").all() as {
    key: string;
    before: string;
    after: string;
  }[];

describe('the store thresholds', () => {
  it('reads the defaults until a manager sets them', async () => {
    expect(value(await core.send('store-thresholds-get', {}))).toEqual(DEFAULTS);
  });

  it('audits each threshold changed, with before and after, and none left as it was', async () => {
    const chosen = { ...DEFAULTS, idleCart: { openMinutes: 10, parkedMinutes: 240 }, drawerVarianceCents: 500 };
    expect(value(await core.send('store-thresholds-set', chosen))).toEqual(chosen);
    expect(value(await core.send('store-thresholds-get', {}))).toEqual(chosen);
    expect(audits().map((a) => ({ key: a.key, before: JSON.parse(a.before) as unknown, after: JSON.parse(a.after) as unknown }))).toEqual([
      { key: 'carts.idle_release', before: DEFAULTS.idleCart, after: chosen.idleCart },
      { key: 'drawer.variance_threshold_cents', before: 100, after: 500 },
    ]);
    value(await core.send('store-thresholds-set', chosen));
    expect(audits()).toHaveLength(2);
  });

  it('releases an idle cart after the minutes set, not the default', async () => {
    value(await core.send('store-thresholds-set', { ...DEFAULTS, idleCart: { openMinutes: 10, parkedMinutes: 240 } }));
    const { cartId } = value(await core.send('cart-open', {}));
    value(await core.send('cart-scan', { cartId, code: demoPackageTag(101), quantity: 2 }));
    counter.clock.now = new Date(counter.clock.now.getTime() + 11 * 60_000);
    expect(value(await core.send('carts-held', {})).items).toEqual([]);
  });

  it('asks for an explanation of a drawer variance only past the threshold set', async () => {
    // The drawer opened with $100; counting $95 is $5 short.
    value(await core.send('store-thresholds-set', { ...DEFAULTS, drawerVarianceCents: 500 }));
    expect(value(await core.send('drawer-count', { count: { '2000': 4, '500': 3 } }))).toMatchObject({ overShortCents: -500, needsExplanation: false });
  });

  it('asks for an explanation at the default when nothing is set (the same count)', async () => {
    expect(value(await core.send('drawer-count', { count: { '2000': 4, '500': 3 } }))).toMatchObject({ overShortCents: -500, needsExplanation: true });
  });

  it('refuses what is out of bounds, naming the bound, and changes nothing', async () => {
    expect(await core.send('store-thresholds-set', { ...DEFAULTS, idleCart: { openMinutes: 2, parkedMinutes: 240 } })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at least 5 minutes') },
    });
    expect(await core.send('store-thresholds-set', { ...DEFAULTS, drawerVarianceCents: 100_001 })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('at most $1,000.00') },
    });
    expect(value(await core.send('store-thresholds-get', {}))).toEqual(DEFAULTS);
    expect(audits()).toEqual([]);
  });

  it('is not a budtender’s to change, nor the compliance officer’s', async () => {
    for (const role of ['budtender', 'compliance_officer'] as const) {
      await signIn(core, role);
      expect(await core.send('store-thresholds-set', { ...DEFAULTS, drawerVarianceCents: 10_000 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await signIn(core, 'manager');
    expect(value(await core.send('store-thresholds-get', {})).drawerVarianceCents).toBe(100);
  });
});
