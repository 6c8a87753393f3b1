import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestPostgres, type TestPostgres } from '../../../support/postgres';
import { storeRegister, until, type StoreRegister } from '../../../support/store-register';
import { value } from '../../../support/result';
import { startTestStore } from '../../../store-server/support';
import { applyStoreCommand } from '../../../../src/store-server/features/store-commands';
import type { authenticate } from '../../../../src/store-server/features/terminals';
import { loadOrCreateSealingKey } from '../../../../src/store-server/sealing';

/**
 * Issue #23 with a store server: an IT incident logged at one register is
 * seen at every register (and by IT on the server) with its comments and
 * its close, each state applied once and never rolled back by a late one;
 * cut off from the server, a register lists its own and says so.
 */

let pg: TestPostgres;
let store: Awaited<ReturnType<typeof startTestStore>>;
const registers: StoreRegister[] = [];

beforeAll(async () => {
  pg = await startTestPostgres();
  store = await startTestStore(pg, { state: 'CA', timeZone: 'America/Los_Angeles' });
});
afterAll(async () => {
  await store?.dispose();
  pg?.stop();
});
afterEach(async () => {
  for (const r of registers.splice(0)) await r.close();
});

const report = { summary: 'Receipt printer cuts half the slip', description: 'Since this morning', screen: 'checkout' };

describe('IT incidents across the store', () => {
  it('are seen at every register with their comments and close, and a register cut off lists its own and says why', async () => {
    const one = await storeRegister(store, { name: 'Register 1', keyByte: 41 });
    const two = await storeRegister(store, { name: 'Register 2', keyByte: 42 });
    registers.push(one, two);
    one.sync.start();
    const logged = value(await one.core.send('incident-report', report));

    const atTwo = async () => value(await two.core.send('incident-list', { status: 'all' }));
    await until(async () => (await atTwo()).items.some((i) => i.id === logged.id));
    const seen = await atTwo();
    expect(seen.scope).toBe('store');
    expect(seen.elsewhere).toContain(logged.id);
    expect(seen.items.find((i) => i.id === logged.id)).toMatchObject({ summary: report.summary, status: 'open', context: { terminalName: 'Register 1' } });

    value(await one.core.send('incident-comment', { incidentId: logged.id, text: 'Replaced the paper roll' }));
    value(await one.core.send('incident-close', { incidentId: logged.id, resolution: 'New cutter blade fitted' }));
    await until(async () => (await atTwo()).items.find((i) => i.id === logged.id)?.status === 'closed');
    expect((await atTwo()).items.find((i) => i.id === logged.id)).toMatchObject({
      comments: [expect.objectContaining({ text: 'Replaced the paper roll' })],
      resolution: 'New cutter blade fitted',
    });
    // Open incidents at register 2 no longer list it.
    expect(value(await two.core.send('incident-list', { status: 'open' })).items.map((i) => i.id)).not.toContain(logged.id);

    // Each state is applied once; an older one arriving late (a resend) never rolls the close back.
    const rows = await store.database.db.execute(sql`SELECT revision, status FROM it_incidents WHERE id = ${logged.id}`);
    expect(rows.rows).toEqual([{ revision: 2, status: 'closed' }]);
    const credential = one.database.sqlite.prepare('SELECT server_terminal_id AS id FROM store_link').get() as { id: string };
    const terminal = { id: credential.id } as Awaited<ReturnType<typeof authenticate>>;
    const stale = await applyStoreCommand(
      store.database.db,
      loadOrCreateSealingKey(store.dataDir),
      terminal,
      { type: 'it.incident', key: `it-incident:${logged.id}:0-late`, revision: 0, incident: logged },
      new Date(),
    );
    expect(stale.applied).toBe(true);
    expect((await store.database.db.execute(sql`SELECT revision, status FROM it_incidents WHERE id = ${logged.id}`)).rows).toEqual([
      { revision: 2, status: 'closed' },
    ]);

    // The store server gone: register 2 lists its own incidents and says why.
    await store.http.close();
    const alone = await atTwo();
    expect(alone.scope).toBe('register');
    expect(alone.items.map((i) => i.id)).not.toContain(logged.id);
    expect(alone.note).toMatch(/^Showing this register's incidents only: /);
  });
});
