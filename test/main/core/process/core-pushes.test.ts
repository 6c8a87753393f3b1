import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessHost, type HeadlessHost } from '../../../../src/main/entries/headless/host';
import type { PushEvent } from '../../../../src/shared/contract/pushes';
import { startChildCore, type ChildCore } from '../../../support/child-core';
import { openTempDatabase, tempDir, type TempDatabase } from '../../../support/temp-db';

/**
 * The core's pushes over the core channel (issue #19): a background scan,
 * a change to what `sync-status` answers and to the order queue each reach
 * the host as they happen, and keep doing so through a core restart (the
 * listener stays on the host's CoreProcess; the restart is itself pushed).
 * Then the same through the headless host's event stream, which a page
 * keeps open across the restart.
 */
let database: TempDatabase;
let core: ChildCore;
const heard: PushEvent[] = [];
const kinds = () => heard.map((event) => event.kind);

beforeAll(async () => {
  database = openTempDatabase({ demo: true });
  core = await startChildCore(database, { devices: { discovered: [] } });
  core.process.onPush((event) => heard.push(event));
});
afterAll(async () => {
  await core?.stop();
  database?.dispose();
});

/** A delivery queued by someone else than the screen (here the test's own connection to the file). */
function queueDelivery(id: string): void {
  database.sqlite
    .prepare(
      "INSERT INTO outbox (destination, kind, aggregate_id, payload, status, attempts, next_attempt_at, created_at, updated_at) VALUES ('metrc', 'receipt.create', ?, '{}', 'pending', 0, 0, 0, 0)",
    )
    .run(id);
}

function orderArrives(id: string): void {
  const now = Date.now();
  database.sqlite
    .prepare(
      "INSERT INTO online_orders (id, connection_id, platform, platform_order_id, status, received_at, accept_by, updated_at) VALUES (?, 'relay', 'leafly', ?, 'new', ?, ?, ?)",
    )
    .run(id, id, now, now + 600_000, now);
}

describe('pushes over the core channel', () => {
  it('a scan, a sync change and an order arrival each reach the host, once each', async () => {
    await core.control('scanner-scan', { data: 'GT-PUSH-1' });
    await expect.poll(kinds).toEqual(['scan-arrived']);
    queueDelivery('push-1');
    await expect.poll(kinds).toEqual(['scan-arrived', 'sync-changed']);
    orderArrives('order-push-1');
    await expect.poll(kinds).toEqual(['scan-arrived', 'sync-changed', 'orders-changed']);
    // Nothing more changed: nothing more is pushed.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(kinds()).toEqual(['scan-arrived', 'sync-changed', 'orders-changed']);
  });

  it('survives the core being killed: the restart is pushed, then the new core’s pushes reach the same listener', async () => {
    heard.length = 0;
    process.kill(core.process.pid ?? 0, 'SIGKILL');
    await expect.poll(() => heard, { timeout: 15_000 }).toEqual([{ kind: 'core-restarted', generation: 1 }]);
    await core.control('scanner-scan', { data: 'GT-PUSH-2' });
    queueDelivery('push-2');
    orderArrives('order-push-2');
    await expect.poll(() => [...kinds()].sort()).toEqual(['core-restarted', 'orders-changed', 'scan-arrived', 'sync-changed']);
  });
});

describe('pushes through the headless host’s event stream', () => {
  const staticDir = tempDir();
  let host: HeadlessHost;
  beforeAll(async () => {
    host = await startHeadlessHost({ invoke: core.invoke, staticDir: staticDir.path, coreGeneration: () => core.process.restarts, pushes: core.process });
  });
  afterAll(async () => {
    await host?.close();
    staticDir.cleanup();
  });

  it('serves the stream only with the run’s token, to the register’s own page', async () => {
    expect((await fetch(`${host.origin}/events`)).status).toBe(401);
    expect((await fetch(`${host.origin}/events`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const elsewhere = await fetch(`${host.origin}/events`, { headers: { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' } });
    expect(elsewhere.status).toBe(403);
    expect((await fetch(`${host.origin}/events`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` } })).status).toBe(405);
  });

  it('a host without pushes (its core in the same process) answers 204: the page keeps polling and stops asking', async () => {
    const bare = await startHeadlessHost({ invoke: core.invoke, staticDir: staticDir.path });
    try {
      const response = await fetch(`${bare.origin}/events`, { headers: { authorization: `Bearer ${bare.token}` } });
      expect(response.status).toBe(204);
    } finally {
      await bare.close();
    }
  });

  it('opens with hello (the restart count), relays pushes, and stays open across a core restart', async () => {
    const aborter = new AbortController();
    const response = await fetch(`${host.origin}/events`, { headers: { authorization: `Bearer ${host.token}` }, signal: aborter.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const events = () =>
      text
        .split('\n\n')
        .filter((block) => block.startsWith('data: '))
        .map((block) => JSON.parse(block.slice(6)) as PushEvent);
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })().catch(() => undefined);

    await expect.poll(events).toEqual([{ kind: 'hello', generation: 1 }]);
    await core.control('scanner-scan', { data: 'GT-PUSH-3' });
    await expect.poll(events).toEqual([{ kind: 'hello', generation: 1 }, { kind: 'scan-arrived' }]);
    process.kill(core.process.pid ?? 0, 'SIGKILL');
    await expect.poll(events, { timeout: 15_000 }).toContainEqual({ kind: 'core-restarted', generation: 2 });
    await core.control('scanner-scan', { data: 'GT-PUSH-4' });
    await expect.poll(() => events().filter((event) => event.kind === 'scan-arrived')).toHaveLength(2);
    aborter.abort();
    await reading;
  });
});
