import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { generate } from 'selfsigned';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { createPairingCode } from '../../src/store-server/features/pairing';
import { retireTerminal } from '../../src/store-server/features/terminals';
import { pairWithStoreServer, StoreClient } from '../../src/main/features/store-link/store-client';
import { leaseResponseSchema } from '../../src/shared/contract/store-server';
import { pairedClient, startTestStore } from './support';
import { rejection } from '../support/result';

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg);
});
afterAll(async () => {
  await store?.dispose();
  pg?.stop();
});

const lease = leaseResponseSchema.passthrough();

/** A machine in the middle: terminates TLS with its own certificate and forwards everything to the real server. */
async function manInTheMiddle(target: string): Promise<{ url: string; close(): void }> {
  const pems = await generate([{ name: 'commonName', value: 'greentill-store-server' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, rejectUnauthorized: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

describe('pairing a terminal with the store server', () => {
  it('pairs with a one-time code, pins the certificate, and the credential works', async () => {
    const { code } = await createPairingCode(store.database.db, new Date());
    const link = await pairWithStoreServer(store.url, code.toLowerCase(), 'Register 1');
    expect(link.fingerprint).toBe(store.fingerprint);
    const client = new StoreClient(link);
    const answer = await client.call('POST', '/v1/lease', {}, lease);
    expect(answer.leaseMs).toBeGreaterThan(0);
    client.close();
    // The code is spent.
    expect((await rejection(pairWithStoreServer(store.url, code, 'Register 2'))).code).toBe('PAIRING_REFUSED');
  });

  it('keeps the store’s person-key secret sealed (a dump of the database alone opens no customer); one an older server kept in clear is sealed at the next pairing', async () => {
    const kept = async () => (await store.database.db.execute(sql`SELECT value FROM store_settings WHERE key = 'person_key_secret'`)).rows[0]?.value;
    const pair = async (name: string) => {
      const { code } = await createPairingCode(store.database.db, new Date());
      return pairWithStoreServer(store.url, code, name);
    };
    const first = await pair('Register 3');
    expect(String(await kept())).toMatch(/^v1:/);
    expect(String(await kept())).not.toContain(first.personKeySecret);
    // Every register gets the same secret.
    expect((await pair('Register 4')).personKeySecret).toBe(first.personKeySecret);

    // A store server from before: the secret in clear. The next pairing hands out the same secret, and seals it.
    await store.database.db.execute(sql`UPDATE store_settings SET value = to_jsonb(${first.personKeySecret}::text) WHERE key = 'person_key_secret'`);
    expect((await pair('Register 5')).personKeySecret).toBe(first.personKeySecret);
    expect(String(await kept())).toMatch(/^v1:/);
    expect((await pair('Register 6')).personKeySecret).toBe(first.personKeySecret);
  });

  it('refuses a wrong code and spends the live codes after three wrong proofs', async () => {
    const { code } = await createPairingCode(store.database.db, new Date());
    for (let i = 0; i < 3; i++) expect((await rejection(pairWithStoreServer(store.url, 'AAAAA-AAAAA', 'Guess'))).code).toBe('PAIRING_REFUSED');
    expect((await rejection(pairWithStoreServer(store.url, code, 'Register'))).code).toBe('PAIRING_REFUSED');
  });

  it('refuses to pair through a machine in the middle, which learns nothing it can use', async () => {
    const mitm = await manInTheMiddle(store.url);
    try {
      const { code } = await createPairingCode(store.database.db, new Date());
      expect((await rejection(pairWithStoreServer(mitm.url, code, 'Register'))).code).toBe('PAIRING_REFUSED');
      // And a paired terminal pointed at it refuses the other certificate before sending anything.
      const client = await pairedClient(store);
      const diverted = new StoreClient({ ...client.link, url: mitm.url });
      expect((await rejection(diverted.call('POST', '/v1/lease', {}, lease))).code).toBe('STORE_UNREACHABLE');
      client.close();
      diverted.close();
    } finally {
      mitm.close();
    }
  });

  it('a retired terminal is refused at once', async () => {
    const client = await pairedClient(store, 'Old register');
    await client.call('POST', '/v1/lease', {}, lease);
    await retireTerminal(store.database.db, client.link.terminalId, new Date());
    expect((await rejection(client.call('POST', '/v1/lease', {}, lease))).code).toBe('TERMINAL_RETIRED');
    client.close();
  });

  it('names a bad payload instead of acting on it', async () => {
    const client = await pairedClient(store);
    const error = await rejection(client.call('POST', '/v1/reservations', { saleId: 's1', cart: [] }, z.unknown()));
    expect(error.code).toBe('INVALID_INPUT');
    client.close();
  });
});
