import { afterEach, describe, expect, it } from 'vitest';
import { SyncService } from '../../../../src/main/features/sync/service';
import { outbox } from '../../../../src/main/platform/db/schema';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import type { ItemOutcome, LaneAdapter, OutboxItem } from '../../../../src/shared/sync/lane';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * A lane ordered first in, first out is worked by one pass at a time. A
 * register paired before its sync was started (pairing reconfigures the
 * sync, which starts it) used to get a second dispatcher from the later
 * start: two passes on one lane, so a later item could reach the store
 * server before an earlier one (a customer's points before the customer).
 */

let database: TempDatabase | undefined;
let sync: SyncService | undefined;
afterEach(async () => {
  await sync?.stop();
  database?.dispose();
});

describe('starting the sync', () => {
  it('twice, or after a reconfigure, still works each lane in one pass at a time, in order', async () => {
    const db = openTempDatabase({ demo: true });
    database = db;
    const delivered: number[] = [];
    let out = 0;
    let most = 0;
    const lane: LaneAdapter = {
      destination: 'test-lane',
      batchSize: 1,
      async deliver(items: readonly OutboxItem[]) {
        out += 1;
        most = Math.max(most, out);
        // Slow enough that a second pass would claim the next item meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 30));
        out -= 1;
        delivered.push(...items.map((i) => i.id));
        return new Map<number, ItemOutcome>(items.map((i) => [i.id, { status: 'done' }]));
      },
      probe: async () => undefined,
    };
    const now = new Date();
    for (let i = 0; i < 8; i++)
      db.db
        .insert(outbox)
        .values({ destination: 'test-lane', kind: 'store.command', aggregateId: `a${i}`, payload: {}, nextAttemptAt: now, createdAt: now, updatedAt: now })
        .run();
    const service = new SyncService({ db: db.db, keys: testPiiKeys, storeId: DEMO_STORE_ID, moreLanes: () => [lane], tuning: { idlePollMs: 10 } });
    sync = service;
    await service.reconfigure();
    service.start();
    const until = Date.now() + 5_000;
    while (delivered.length < 8 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
    expect(delivered).toHaveLength(8);
    expect(most).toBe(1);
  });
});
