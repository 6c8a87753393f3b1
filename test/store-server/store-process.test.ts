import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import { freePort, startTestPostgres, type TestPostgres } from '../support/postgres';
import { repoRoot, serverCli } from '../support/cli';
import { tempDir } from '../support/temp-db';
import { pairWithStoreServer, StoreClient } from '../../src/main/features/store-link/store-client';
import { leaseResponseSchema, reserveResponseSchema } from '../../src/shared/contract/store-server';
import { rejection } from '../support/result';

/**
 * `npm run start:store` and the store's admin commands as an admin runs
 * them: real processes on a real PostgreSQL; the store process killed with
 * SIGKILL and PostgreSQL stopped with `-m immediate` while terminals hold
 * limits, and nothing acknowledged is lost.
 */

let pg: TestPostgres;
let url: string;
const data = tempDir('greentill-store-data-');
let port: number;
let server: ChildProcess | null = null;

beforeAll(async () => {
  pg = await startTestPostgres();
  url = await pg.createDatabase('store_process');
  port = await freePort();
});
afterAll(() => {
  server?.kill('SIGKILL');
  pg?.stop();
  data.cleanup();
});

const env = () => ({ ...process.env, DATABASE_URL: url, GREENTILL_STORE_DATA: data.path, GREENTILL_STORE_LISTEN: `127.0.0.1:${port}` });

function cli(args: string[]): Promise<unknown> {
  return serverCli(args, env());
}

async function startStore(): Promise<{ listening: string; fingerprint: string }> {
  // One process (node with tsx's loader, not the tsx launcher and its child): SIGKILL must reach the server itself.
  server = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/store-server/start.ts')], {
    cwd: repoRoot,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = server;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve(JSON.parse(line) as { listening: string; fingerprint: string });
    });
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => reject(new Error(`store server exited ${code}: ${err}`)));
  });
}

describe('the store server as an admin runs it', () => {
  it('is set up, pairs a register, survives SIGKILL and a PostgreSQL crash, and retires the register', async () => {
    expect(await cli(['store-setup', '--state', 'CO', '--time-zone', 'America/Denver', '--licence', '402R-00001'])).toMatchObject({ state: 'CO' });
    const started = await startStore();
    expect(started.listening).toBe(`https://127.0.0.1:${port}`);
    const { code } = z.object({ code: z.string() }).parse(await cli(['store-pairing-code']));
    const link = await pairWithStoreServer(started.listening, code, 'Register 1');
    const client = new StoreClient(link);
    const hold = (saleId: string) =>
      client.call(
        'POST',
        '/v1/reservations',
        {
          saleId,
          personKey: 'person-0000000000000001',
          customerType: 'adult',
          resident: true,
          dateOfBirth: null,
          at: new Date().toISOString(),
          cart: [{ category: 'concentrate', netWeightMg: 5000, thcMg: 0, quantity: 1 }],
        },
        reserveResponseSchema,
      );
    expect((await hold('cart-1')).outcome).toBe('held');

    // The store process dies without warning; started again, it remembers the hold and the register's credential.
    server?.kill('SIGKILL');
    await new Promise((r) => server?.once('exit', r));
    expect((await rejection(hold('cart-2'))).code).toBe('STORE_UNREACHABLE');
    const again = await startStore();
    expect(again.fingerprint).toBe(started.fingerprint);
    expect((await hold('cart-2')).outcome).toBe('refused');
    expect((await hold('cart-1')).outcome).toBe('held');

    // PostgreSQL crashes: the server answers "unavailable" (the register counts that as cut off, never as a refusal), then recovers.
    pg.crash();
    expect((await rejection(hold('cart-3'))).code).toBe('STORE_UNREACHABLE');
    pg.start();
    expect((await hold('cart-3')).outcome).toBe('refused');

    const terminals = z.array(z.object({ id: z.string(), name: z.string() })).parse(await cli(['store-terminals']));
    expect(terminals).toEqual([expect.objectContaining({ id: link.terminalId, name: 'Register 1' })]);
    await cli(['store-retire', '--terminal', link.terminalId]);
    expect((await rejection(client.call('POST', '/v1/lease', {}, leaseResponseSchema))).code).toBe('TERMINAL_RETIRED');
    client.close();
  });
});
