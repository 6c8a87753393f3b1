import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CountBlindView, VarianceReport } from '../../../../src/shared/contract/counts';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { approveVariance } from '../../../../src/main/features/inventory-counts/variances';
import { saveMetrcSettings } from '../../../../src/main/features/sync/metrc-settings';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials, testMetrcDispatcher } from '../../../support/metrc-lane';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { approve, signIn } from '../../../support/session';
import { testPiiKeys } from '../../../support/temp-db';

let counter: Counter;
let metrc: FakeMetrc;

interface StockRow {
  tag: string;
  unit: 'each' | 'mg';
  quantity: number;
}

function stock(): StockRow[] {
  return counter.database.sqlite
    .prepare("SELECT tag, unit, quantity_on_hand AS quantity FROM packages WHERE quantity_on_hand > 0 AND status = 'active' ORDER BY tag")
    .all() as StockRow[];
}

beforeEach(async () => {
  counter = await registerAtTheCounter({ role: 'budtender', at: new Date() });
  // Metrc agrees with the register before the count.
  metrc = await startFakeMetrc({
    ...testMetrcCredentials,
    packages: stock().map((p) => ({
      Label: p.tag,
      Quantity: p.unit === 'mg' ? p.quantity / 1000 : p.quantity,
      UnitOfMeasureName: p.unit === 'mg' ? 'Grams' : 'Each',
    })),
  });
  saveMetrcSettings(
    counter.database.db,
    testPiiKeys,
    DEMO_STORE_ID,
    { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials },
    null,
    counter.clock.now,
  );
});
afterEach(async () => {
  counter.dispose();
  await metrc.close();
});

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
async function refused(result: Promise<{ ok: boolean; error?: { code: string } }>): Promise<string | undefined> {
  const r = await result;
  return r.ok ? 'accepted' : r.error?.code;
}

const UNKNOWN_TAG = '1A4FFFFFFFFFFFFFFFFFFFFF';

/** A blind count of 20 packages: 19 counted, 1 weighed; two short (one of each kind); one tag the register does not know. */
async function countTwenty(): Promise<{ view: CountBlindView; short: StockRow; weighed: StockRow }> {
  const each = stock()
    .filter((p) => p.unit === 'each')
    .slice(0, 19);
  const weighed = stock().find((p) => p.unit === 'mg');
  if (weighed === undefined || each.length < 19) throw new Error('demo stock changed');
  const short = each[4] as StockRow;
  const started = await ok(counter.core.send('count-start', { area: 'Sales floor' }));
  for (const p of each) {
    // The first scan is one unit; the rest typed as a number, as a counter does for a shelf of one product.
    await ok(counter.core.send('count-scan', { countId: started.id, tag: p.tag }));
    const rest = (p === short ? p.quantity - 2 : p.quantity) - 1;
    if (rest > 0) await ok(counter.core.send('count-scan', { countId: started.id, tag: p.tag, units: rest }));
  }
  expect(await refused(counter.core.send('count-scan', { countId: started.id, tag: weighed.tag }))).toBe('COUNT_NEEDS_WEIGHT');
  await ok(counter.core.send('count-scan', { countId: started.id, tag: weighed.tag, weightMg: weighed.quantity - 1_500 }));
  const view = await ok(counter.core.send('count-scan', { countId: started.id, tag: UNKNOWN_TAG.toLowerCase() }));
  return { view, short, weighed };
}

describe('inventory counts', () => {
  it('a blind count with two variances becomes two adjustments that reach Metrc exactly once, with the reasons chosen', async () => {
    const { view, short, weighed } = await countTwenty();
    // Blind: the counter's view carries no expected figure at all.
    expect(view.lines).toHaveLength(21);
    for (const line of view.lines) expect(Object.keys(line).sort()).toEqual(['counted', 'productName', 'recountWanted', 'recounted', 'tag', 'unit', 'unknown']);
    expect(view.lines.find((l) => l.tag === UNKNOWN_TAG)).toMatchObject({ unknown: true, counted: 1 });
    expect(await refused(counter.core.send('count-report', { countId: view.id }))).toBe('FORBIDDEN');

    const submitted = await ok(counter.core.send('count-submit', { countId: view.id }));
    expect(
      submitted.lines
        .filter((l) => l.recountWanted)
        .map((l) => l.tag)
        .sort(),
    ).toEqual([short.tag, weighed.tag].sort());
    // Recounts confirm both (the weighed one on the scale again).
    await ok(counter.core.send('count-recount', { countId: view.id, tag: short.tag, units: short.quantity - 2 }));
    const recounted = await ok(counter.core.send('count-recount', { countId: view.id, tag: weighed.tag, weightMg: weighed.quantity - 1_500 }));
    expect(recounted.lines.filter((l) => l.recountWanted)).toEqual([]);
    expect(await refused(counter.core.send('count-recount', { countId: view.id, tag: short.tag, units: 1 }))).toBe('COUNT_NO_RECOUNT');

    await signIn(counter.core, 'manager');
    const report: VarianceReport = await ok(counter.core.send('count-report', { countId: view.id }));
    expect(report.metrc.read).toBe(true);
    const line = (tag: string) => report.lines.find((l) => l.tag === tag);
    expect(line(short.tag)).toMatchObject({
      register: short.quantity,
      counted: short.quantity - 2,
      metrc: short.quantity,
      variance: -2,
      recounted: true,
      decision: 'pending',
    });
    expect(line(weighed.tag)).toMatchObject({ unit: 'mg', register: weighed.quantity, metrc: weighed.quantity, variance: -1_500, decision: 'pending' });
    expect(line(UNKNOWN_TAG)).toMatchObject({ unknown: true, register: null, counted: 1 });
    expect(report.lines.filter((l) => l.decision === 'none')).toHaveLength(18);

    const reasons = await ok(counter.core.send('count-adjust-reasons', {}));
    expect(reasons.reasons.map((r) => r.name)).toEqual(['Drying', 'Entry Error', 'Theft', 'Waste']);
    expect(await refused(counter.core.send('count-close', { countId: view.id }))).toBe('COUNT_VARIANCES_PENDING');
    expect(await refused(counter.core.send('count-approve', { countId: view.id, tag: short.tag, metrcReason: 'Theft' }))).toBe('COUNT_NOTE_REQUIRED');
    expect(await refused(counter.core.send('count-approve', { countId: view.id, tag: short.tag, metrcReason: 'Lost in space' }))).toBe('COUNT_REASON_UNKNOWN');
    const approved = await ok(
      counter.core.send('count-approve', { countId: view.id, tag: short.tag, metrcReason: 'Theft', note: 'Two units missing from the shelf' }),
    );
    expect(approved).toMatchObject({ decision: 'approved', metrcReason: 'Theft', approvedBy: 'Morgan Manager' });
    expect(await refused(counter.core.send('count-approve', { countId: view.id, tag: short.tag, metrcReason: 'Theft', note: 'again' }))).toBe(
      'COUNT_LINE_DECIDED',
    );
    await ok(counter.core.send('count-approve', { countId: view.id, tag: weighed.tag, metrcReason: 'drying' }));
    expect(await refused(counter.core.send('count-approve', { countId: view.id, tag: UNKNOWN_TAG, metrcReason: 'Entry Error', note: 'x' }))).toBe(
      'COUNT_UNKNOWN_TAG',
    );
    await ok(counter.core.send('count-dismiss', { countId: view.id, tag: UNKNOWN_TAG, note: 'Tag from the next delivery, not ours yet' }));
    await ok(counter.core.send('count-close', { countId: view.id }));

    // Stock moved by the variances (deltas), and the moves are audited.
    const after = new Map(stock().map((p) => [p.tag, p.quantity]));
    expect(after.get(short.tag)).toBe(short.quantity - 2);
    expect(after.get(weighed.tag)).toBe(weighed.quantity - 1_500);
    expect(counter.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'inventory.adjust'").get()).toEqual({ n: 2 });

    // Through the outbox to Metrc: exactly once each, with the reasons chosen, even when the lane runs twice.
    const dispatcher = testMetrcDispatcher(counter.database.db, metrc.url);
    await dispatcher.drain('metrc', 5_000);
    await dispatcher.drain('metrc', 1_000);
    const sent = metrc.adjustments();
    expect(
      sent
        .map((a) => ({ Label: a.Label, Quantity: a.Quantity, UnitOfMeasure: a.UnitOfMeasure, AdjustmentReason: a.AdjustmentReason }))
        .sort((a, b) => a.Label.localeCompare(b.Label)),
    ).toEqual(
      [
        { Label: short.tag, Quantity: -2, UnitOfMeasure: 'Each', AdjustmentReason: 'Theft' },
        { Label: weighed.tag, Quantity: -1.5, UnitOfMeasure: 'Grams', AdjustmentReason: 'Drying' },
      ].sort((a, b) => a.Label.localeCompare(b.Label)),
    );
    expect(sent.find((a) => a.Label === short.tag)?.ReasonNote).toBe('Two units missing from the shelf');

    // The opening check sees a settled count.
    const check = await ok(counter.core.send('opening-check-run', {}));
    expect(check.items.find((i) => i.id === 'stock_drift')?.status).toBe('green');
  });

  it('an adjustment whose answer was lost is never sent again blind: it waits for staff, who are told what to check in Metrc', async () => {
    const { view, short } = await countTwenty();
    await ok(counter.core.send('count-submit', { countId: view.id }));
    await ok(counter.core.send('count-recount', { countId: view.id, tag: short.tag, units: short.quantity - 2 }));
    await signIn(counter.core, 'manager');
    await ok(counter.core.send('count-approve', { countId: view.id, tag: short.tag, metrcReason: 'Entry Error', note: 'Miscounted at receiving' }));

    // Metrc applies the adjustment and the answer never comes back (the connection drops after its commit).
    metrc.setFaults({ commitThenDrop: 1 });
    const dispatcher = testMetrcDispatcher(counter.database.db, metrc.url);
    await dispatcher.drain('metrc', 2_000);
    metrc.setFaults({});
    await dispatcher.drain('metrc', 2_000);

    // An adjustment is a delta: sending it again would move the package twice in the state's books.
    expect(metrc.adjustments().map((a) => ({ Label: a.Label, Quantity: a.Quantity }))).toEqual([{ Label: short.tag, Quantity: -2 }]);
    const parked = counter.database.sqlite.prepare("SELECT status, last_error AS error FROM outbox WHERE kind = 'package.adjust'").all() as Array<{
      status: string;
      error: string;
    }>;
    expect(parked).toEqual([{ status: 'dead', error: expect.stringContaining(`Check package ${short.tag}`) }]);
  });

  it('above the threshold a variance needs a manager: a budtender gets one with a grant', async () => {
    const { view, short } = await countTwenty();
    await ok(counter.core.send('count-submit', { countId: view.id }));
    // Without a manager, the rule itself refuses a variance worth more than the threshold.
    const by = { storeId: DEMO_STORE_ID, staffId: 'staff-demo-budtender', terminalId: counter.core.terminalId, now: counter.clock.now };
    counter.database.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('inventory.adjustment_approval_threshold_cents', '0', 0)").run();
    expect(() => approveVariance(counter.database.db, by, view.id, short.tag, { metrcReason: 'Waste', note: '', approvedBy: null, reasons: null })).toThrow(
      expect.objectContaining({ code: 'APPROVAL_REQUIRED' }),
    );
    // A budtender lacks inventory.adjust: refused, then allowed with a manager's grant for this very payload.
    const payload = { countId: view.id, tag: short.tag, metrcReason: 'Waste', note: '' };
    expect(await refused(counter.core.send('count-approve', payload))).toBe('FORBIDDEN');
    const grant = await approve(counter.core, 'count-approve', payload);
    const approved = await ok(counter.core.send('count-approve', { ...payload, approval: grant }));
    expect(approved).toMatchObject({ decision: 'approved', approvedBy: 'Morgan Manager' });
  });

  it('takes no weight for a counted package and nothing after submission but the recounts asked for', async () => {
    const each = stock().find((p) => p.unit === 'each') as StockRow;
    const started = await ok(counter.core.send('count-start', { area: 'Vault' }));
    expect(await refused(counter.core.send('count-scan', { countId: started.id, tag: each.tag, weightMg: 1000 }))).toBe('COUNT_NOT_WEIGHED');
    await ok(counter.core.send('count-scan', { countId: started.id, tag: each.tag, units: each.quantity }));
    await ok(counter.core.send('count-submit', { countId: started.id }));
    expect(await refused(counter.core.send('count-scan', { countId: started.id, tag: each.tag }))).toBe('COUNT_NOT_OPEN');
    expect(await refused(counter.core.send('count-recount', { countId: started.id, tag: each.tag, units: 1 }))).toBe('COUNT_NO_RECOUNT');
  });
});
