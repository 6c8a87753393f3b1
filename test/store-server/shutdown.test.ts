import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { CLOSE_WITHIN_MS } from '../../src/store-server/shutdown';
import { startTestStore } from './support';

/**
 * Stopping the store server ends in bounded time whatever is still open: a
 * database connection still checked out (a handler stuck on a dead
 * PostgreSQL connection, as after a crash) or a socket that never finished
 * its TLS handshake would otherwise keep `SIGTERM` from ever exiting — and
 * did keep the rig's clean-up waiting after PostgreSQL was crashed.
 */

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startTestPostgres();
});
afterAll(() => pg?.stop());

describe('the store server stops', () => {
  it('within its deadline with a database connection never given back', async () => {
    const store = await startTestStore(pg);
    const leaked = await store.database.pool.connect();
    const started = performance.now();
    await store.dispose();
    expect(performance.now() - started).toBeLessThan(CLOSE_WITHIN_MS * 2 + 1_000);
    leaked.release(true);
  });

  it('within its deadline with a socket that never finished its TLS handshake', async () => {
    const store = await startTestStore(pg);
    const socket = connect(store.http.port, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = performance.now();
    await store.dispose();
    // The listener ends the half-open socket itself: nothing waits for the deadline.
    expect(performance.now() - started).toBeLessThan(CLOSE_WITHIN_MS);
    socket.destroy();
  });
});
