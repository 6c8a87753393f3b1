import { join } from 'node:path';
import { startRelay, type Relay } from '../../src/relay/app';
import type { RelayDb } from '../../src/relay/db/open';
import { addConnection, addRelayStore } from '../../src/relay/features/stores';
import { relayPullResponseSchema, relayStatusResponseSchema, type RelayEvent, type RelayStatusRequest } from '../../src/shared/contract/relay';
import { repoRoot } from '../support/cli';
import { tempDir } from '../support/temp-db';
import type { TestPostgres } from '../support/postgres';

export const relayMigrations = join(repoRoot, 'migrations-relay');

let databases = 0;

export async function relayDatabaseUrl(pg: TestPostgres): Promise<string> {
  return pg.createDatabase(`relay_${process.pid}_${++databases}`);
}

/** The relay on loopback over a fresh database in the test cluster, its jobs retried fast. */
export async function startTestRelay(pg: TestPostgres, options: { now?: () => Date } = {}): Promise<Relay & { dispose(): Promise<void> }> {
  const url = await relayDatabaseUrl(pg);
  const dir = tempDir('greentill-relay-');
  const relay = await startRelay({
    databaseUrl: url,
    dataDir: dir.path,
    migrationsFolder: relayMigrations,
    host: '127.0.0.1',
    port: 0,
    worker: { pollMs: 50, retryBaseMs: 50, retryCapMs: 500 },
    ...options,
  });
  return Object.assign(relay, {
    dispose: async () => {
      await relay.close();
      dir.cleanup();
    },
  });
}

/** A store with a credential and one connection per platform given. */
export async function connectStore(
  db: RelayDb,
  connections: {
    leafly?: { secret: string; apiBase: string; apiKey: string };
    jane?: { secret: string; apiBase?: string; apiKey?: string };
    greentill?: { secret: string; apiBase?: string };
  },
) {
  const now = new Date();
  const store = await addRelayStore(db, 'Main St', now);
  const ids: Partial<Record<'leafly' | 'jane' | 'greentill', { connectionId: string; webhookPath: string }>> = {};
  if (connections.leafly) ids.leafly = await addConnection(db, { storeId: store.storeId, platform: 'leafly', ...connections.leafly }, now);
  if (connections.jane) ids.jane = await addConnection(db, { storeId: store.storeId, platform: 'jane', ...connections.jane }, now);
  if (connections.greentill) ids.greentill = await addConnection(db, { storeId: store.storeId, platform: 'greentill', ...connections.greentill }, now);
  return { ...store, connections: ids };
}

/** What a store does: pull everything after its cursor, and send statuses (test-side client, plain fetch). */
export function storeClient(baseUrl: () => string, credential: string) {
  const auth = { authorization: `Bearer ${credential}` };
  return {
    async pullAll(after: number): Promise<{ events: RelayEvent[]; next: number }> {
      const events: RelayEvent[] = [];
      let cursor = after;
      for (;;) {
        const res = await fetch(`${baseUrl()}/v1/orders?after=${cursor}&limit=100`, { headers: auth });
        if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${await res.text()}`);
        const page = relayPullResponseSchema.parse(await res.json());
        events.push(...page.events);
        if (page.events.length === 0) return { events, next: cursor };
        cursor = page.next;
      }
    },
    async status(request: RelayStatusRequest): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${baseUrl()}/v1/orders/status`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body: unknown = await res.json();
      if (res.status === 200) relayStatusResponseSchema.parse(body);
      return { status: res.status, body };
    },
  };
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
