import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpeningCheckId, OpeningCheckRunView } from '../../../../src/shared/contract/opening-check';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { clockSkewResult, diskSpaceResult } from '../../../../src/main/features/opening-check/checks';
import { saveMetrcSettings } from '../../../../src/main/features/sync/metrc-settings';
import { saveRelayLink } from '../../../../src/main/features/online-orders/relay-settings';
import { onlineOrders } from '../../../../src/main/platform/db/schema';
import { startFakeMetrc, type FakeMetrc } from '../../../support/fake-metrc';
import { testMetrcCredentials } from '../../../support/metrc-lane';
import { registerAtTheCounter, type Counter } from '../../../support/register';
import { testPiiKeys } from '../../../support/temp-db';

let counter: Counter;
let metrc: FakeMetrc;

beforeEach(async () => {
  metrc = await startFakeMetrc(testMetrcCredentials);
  counter = await registerAtTheCounter({ role: 'manager', drawerTwenties: 5 });
});
afterEach(async () => {
  counter.dispose();
  await metrc.close();
});

function connectMetrc(): void {
  saveMetrcSettings(
    counter.database.db,
    testPiiKeys,
    DEMO_STORE_ID,
    { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials },
    null,
    counter.clock.now,
  );
}

async function run(): Promise<OpeningCheckRunView> {
  const result = await counter.core.send('opening-check-run', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const line = (view: OpeningCheckRunView, id: OpeningCheckId) => {
  const found = view.items.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no ${id} line`);
  return found;
};

describe('the opening readiness check', () => {
  it('lists every line, with a fix sentence each, on a healthy real database', async () => {
    connectMetrc();
    const view = await run();
    expect(view.items.map((i) => i.id)).toEqual([
      'database_integrity',
      'migrations',
      'disk_space',
      'metrc_connection',
      'clock_skew_metrc',
      'clock_skew_store_server',
      'devices',
      'sync_backlog',
      'stock_drift',
      'drawers_closed',
      'compliance_flags',
      'online_orders',
    ]);
    for (const item of view.items) expect(item.fix.length).toBeGreaterThan(5);
    expect(line(view, 'database_integrity').status).toBe('green');
    expect(line(view, 'migrations').status).toBe('green');
    expect(line(view, 'metrc_connection').status).toBe('green');
    expect(line(view, 'clock_skew_metrc').status).toBe('green');
    expect(line(view, 'drawers_closed').status).toBe('green');
    expect(line(view, 'clock_skew_store_server')).toMatchObject({ status: 'green', detail: expect.stringContaining('No store server') });
    expect(line(view, 'online_orders')).toMatchObject({ status: 'green', detail: expect.stringContaining('No order relay is connected') });
  });

  it('says when online orders are waiting: a new order past its time to accept, and one to hand over (issue #21)', async () => {
    const db = counter.database.db;
    const now = counter.clock.now;
    saveRelayLink(db, testPiiKeys, { url: 'https://relay.example.com', credential: 'c'.repeat(40) }, null, now);
    expect(line(await run(), 'online_orders')).toMatchObject({ status: 'green', detail: expect.stringContaining('no order is waiting') });
    const order = (id: string, status: 'new' | 'ready' | 'completed', minutesAgo: number) => ({
      id,
      connectionId: 'conn-1',
      platform: 'leafly',
      platformOrderId: id,
      status,
      receivedAt: new Date(now.getTime() - minutesAgo * 60_000),
      acceptBy: new Date(now.getTime() - (minutesAgo - 15) * 60_000),
      updatedAt: now,
    });
    db.insert(onlineOrders)
      .values([order('L-1', 'new', 20), order('L-2', 'new', 5), order('L-3', 'ready', 60), order('L-4', 'completed', 90)])
      .run();
    expect(line(await run(), 'online_orders')).toMatchObject({
      status: 'amber',
      detail: "2 new order(s) to accept (1 past the platform's time to accept); 1 order(s) to pick or hand over.",
      action: { kind: 'go_to_orders' },
    });
  });

  it('is red while Metrc is unreachable, with a Retry Metrc button, and green once it answers', async () => {
    connectMetrc();
    await metrc.stop();
    const down = await run();
    expect(line(down, 'metrc_connection')).toMatchObject({ status: 'red', action: { kind: 'retry', label: 'Retry Metrc' } });
    expect(down.overall).toBe('red');
    await metrc.start();
    const up = await run();
    expect(line(up, 'metrc_connection').status).toBe('green');
  });

  it('is red when Metrc refuses the keys, pointing at the Sync screen', async () => {
    saveMetrcSettings(
      counter.database.db,
      testPiiKeys,
      DEMO_STORE_ID,
      { baseUrl: metrc.url, apiVersion: 'v2', enabled: true, ...testMetrcCredentials, userKey: 'expired-user-key' },
      null,
      counter.clock.now,
    );
    const view = await run();
    expect(line(view, 'metrc_connection')).toMatchObject({ status: 'red', action: { kind: 'go_to_sync' } });
  });

  it('is red when Metrc is not set up', async () => {
    const view = await run();
    expect(line(view, 'metrc_connection').status).toBe('red');
    expect(line(view, 'clock_skew_metrc').status).toBe('amber');
  });

  it("reads Metrc's clock from its Date header: ten minutes apart is red", async () => {
    connectMetrc();
    metrc.setClockOffset(-10 * 60_000);
    const view = await run();
    expect(line(view, 'clock_skew_metrc')).toMatchObject({ status: 'red', detail: expect.stringMatching(/60\d s ahead of Metrc/) });
  });

  it("is red the next morning while yesterday's drawer is open, and not once it is counted and closed", async () => {
    connectMetrc();
    counter.clock.now = new Date(counter.clock.now.getTime() + 20 * 3_600_000);
    const morning = await run();
    expect(line(morning, 'drawers_closed')).toMatchObject({ status: 'red', action: { kind: 'go_to_drawer', label: 'Go to drawer' } });
    const counted = await counter.core.send('drawer-count', { count: { '2000': 5 } });
    expect(counted.ok).toBe(true);
    const closed = await counter.core.send('drawer-close', {});
    expect(closed.ok).toBe(true);
    const after = await run();
    expect(line(after, 'drawers_closed').status).not.toBe('red');
  });

  it('opens by itself on the first sign-in of each store day after the first; each run is saved and on the store-day report', async () => {
    // The register's first day is its set-up day: the check waits on F7.
    const firstDay = await counter.core.send('opening-check-latest', {});
    expect(firstDay.ok && firstDay.value).toMatchObject({ due: false, latest: null });
    counter.clock.now = new Date(counter.clock.now.getTime() + 20 * 3_600_000);
    const before = await counter.core.send('opening-check-latest', {});
    expect(before.ok && before.value).toMatchObject({ due: true, latest: null });
    const view = await run();
    const after = await counter.core.send('opening-check-latest', {});
    expect(after.ok && after.value).toMatchObject({ due: false, latest: { id: view.id, overall: view.overall } });
    const day = await counter.core.send('report-day', {});
    if (!day.ok) throw new Error(day.error.message);
    expect(day.value.openingChecks).toHaveLength(1);
    expect(day.value.openingChecks[0]?.notGreen.map((n) => n.label)).toEqual(expect.arrayContaining(['Metrc connection and licence', "Yesterday's drawers"]));
  });
});

describe('the rules of single lines', () => {
  it('disk space: red below the threshold or below the database size, amber below the warning', () => {
    const t = { redBelowBytes: 100, amberBelowBytes: 1000 };
    expect(diskSpaceResult(50, 10, t).status).toBe('red');
    expect(diskSpaceResult(500, 600, t).status).toBe('red');
    expect(diskSpaceResult(500, 10, t).status).toBe('amber');
    expect(diskSpaceResult(5000, 10, t).status).toBe('green');
  });

  it('clock skew: within a minute green, up to five amber, beyond red, either direction', () => {
    const server = new Date('2026-11-25T15:00:00Z');
    const at = (ms: number) => new Date(server.getTime() + ms);
    expect(clockSkewResult('Metrc', server, at(30_000)).status).toBe('green');
    expect(clockSkewResult('Metrc', server, at(-120_000)).status).toBe('amber');
    expect(clockSkewResult('Metrc', server, at(-301_000))).toMatchObject({ status: 'red', detail: expect.stringContaining('301 s behind Metrc') });
  });
});
