import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverPool } from '../../src/server-kit/postgres';
import { startTestPostgres, type TestPostgres } from '../support/postgres';

/**
 * A server's pool when PostgreSQL drops a connection under a query (a
 * restart, a crash, an administrator): the query fails, and nothing else —
 * pg also emits an `error` on the checked-out client, which with no
 * listener would end the whole server process (the store rig caught one
 * from the Metrc queue's pool when PostgreSQL was crashed).
 */
let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.stop());

describe('a server pool', () => {
  it('survives a connection killed under a checked-out client: the query fails, the process does not', async () => {
    const url = await pg.createDatabase(`pool_${process.pid}`);
    const pool = serverPool(url, { max: 2, name: 'test' });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await pool.connect();
      const pid = ((await client.query('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number }).pid;
      // Checked out and between queries (as a transaction's client is), its connection is ended under it.
      await pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((r) => setTimeout(r, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(uncaught).toEqual([]);
      // And the pool serves the next query on a new connection.
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });
});
