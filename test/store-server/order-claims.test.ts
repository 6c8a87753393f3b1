import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { orderClaimResponseSchema } from '../../src/shared/contract/store-server';
import { startTestPostgres, type TestPostgres } from '../support/postgres';
import { rejection } from '../support/result';
import { pairedClient, startTestStore } from './support';

/**
 * One register takes an online order (issue #21): registers claiming the
 * same order at the same moment are decided by PostgreSQL — exactly one
 * wins, the others are told which register took it and when; the winner
 * may claim again (a retry, or rejecting what it accepted).
 */

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
});
afterAll(async () => {
  await store?.dispose();
  pg?.stop();
});

const claim = (client: Awaited<ReturnType<typeof pairedClient>>, orderId: string, action: 'accept' | 'reject' = 'accept') =>
  client.call('POST', '/v1/orders/claim', { connectionId: 'conn-1', orderId, action }, orderClaimResponseSchema);

describe('claiming an online order at the store server', () => {
  it('four registers at once: exactly one takes it; the others are refused naming it; it may claim again', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map((n) => pairedClient(store, `Register ${n}`)));
    for (let round = 0; round < 5; round += 1) {
      const orderId = `race-${round}`;
      const outcomes = await Promise.allSettled(clients.map((c) => claim(c, orderId)));
      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const winner = `Register ${won[0]! + 1}`;
      for (const outcome of outcomes)
        if (outcome.status === 'rejected')
          expect(outcome.reason).toMatchObject({
            code: 'ORDER_TAKEN_ELSEWHERE',
            message: expect.stringMatching(new RegExp(`^${winner} accepted this order at \\d\\d:\\d\\d\\.$`)),
          });
      // The winner again (a retry), then rejecting what it accepted: both its own.
      await claim(clients[won[0]!]!, orderId);
      await claim(clients[won[0]!]!, orderId, 'reject');
      const loser = clients[(won[0]! + 1) % clients.length]!;
      expect(await rejection(claim(loser, orderId))).toMatchObject({ message: expect.stringMatching(new RegExp(`^${winner} rejected this order`)) });
    }
    const rows = await store.database.db.execute(sql`SELECT count(*)::int AS n FROM order_claims`);
    expect(rows.rows[0]).toEqual({ n: 5 });
    for (const c of clients) c.close();
  });
});
