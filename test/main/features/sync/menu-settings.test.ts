import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MENU_LANE } from '../../../../src/main/features/sync/lanes';
import { createCore, type Core } from '../../../../src/main/core/create-core';
import { DEMO_STORE_ID } from '../../../../src/main/features/demo/seed';
import { simulateSales } from '../../../../src/main/core/simulate-sales';
import { loadMenuSettings } from '../../../../src/main/features/sync/menu-settings';
import { SyncService } from '../../../../src/main/features/sync/service';
import { startFakeMenu, type FakeMenu } from '../../../support/fake-menu';
import { fastSync } from '../../../support/metrc-lane';
import { signIn } from '../../../support/session';
import { openTempDatabase, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

const SECRET = 'menu-signing-secret-0001';
const URL_MESSAGE =
  'Enter the full address the menu platform gave you, starting with https:// (http:// only for localhost or 127.0.0.1), without a password in it.';

let database: TempDatabase;
let menu: FakeMenu;
let sync: SyncService;
let core: Core;

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  menu = await startFakeMenu({ secret: SECRET });
  sync = new SyncService({ db: database.db, keys: testPiiKeys, storeId: DEMO_STORE_ID, tuning: fastSync });
  core = createCore({ piiKeys: testPiiKeys, database, sync });
  sync.start();
});
afterEach(async () => {
  await sync.stop();
  await menu.close();
  database.dispose();
});

const audits = () =>
  database.sqlite.prepare("SELECT staff_id AS staffId, after FROM audit_log WHERE action = 'settings.menu'").all() as Array<{ staffId: string; after: string }>;

describe('online menu settings', () => {
  it('are an admin’s: a manager can neither read nor change them', async () => {
    await signIn(core, 'manager');
    expect(await core.send('menu-settings-get', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.send('menu-settings-set', { endpointUrl: menu.url, secret: SECRET })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(loadMenuSettings(database.db, testPiiKeys, DEMO_STORE_ID)).toBeNull();
    expect(audits()).toEqual([]);
  });

  it('refuse an address that is not https (or http to this computer) and a short secret, naming the field in words', async () => {
    await signIn(core, 'admin');
    for (const endpointUrl of ['menu.example.com/hook', 'http://menu.example.com/hook', 'ftp://127.0.0.1/hook', 'https://user:pw@menu.example.com/hook']) {
      const refused = await core.send('menu-settings-set', { endpointUrl, secret: SECRET });
      expect(refused, endpointUrl).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `endpointUrl: ${URL_MESSAGE}`, details: { issues: [{ path: 'endpointUrl', message: URL_MESSAGE }] } },
      });
    }
    const short = await core.send('menu-settings-set', { endpointUrl: 'https://menu.example.com/hook', secret: 'short' });
    expect(short.ok === false && short.error.details).toEqual({
      issues: [{ path: 'secret', message: 'Paste the signing secret the menu platform gave you (16 characters or more).' }],
    });
    expect(loadMenuSettings(database.db, testPiiKeys, DEMO_STORE_ID)).toBeNull();
    expect(audits()).toEqual([]);
  });

  it('save the secret encrypted and never give it back; the audit names who and where, not the secret', async () => {
    await signIn(core, 'admin');
    expect(await core.send('menu-settings-get', {})).toEqual({ ok: true, value: { configured: false, endpointUrl: null, enabled: false, updatedAt: null } });
    expect(await core.send('menu-settings-set', { endpointUrl: 'https://menu.example.com/greentill', secret: SECRET })).toEqual({
      ok: true,
      value: { configured: true },
    });

    const got = await core.send('menu-settings-get', {});
    expect(got).toMatchObject({ ok: true, value: { configured: true, endpointUrl: 'https://menu.example.com/greentill', enabled: true } });
    expect(JSON.stringify(got)).not.toContain(SECRET);
    const stored = database.sqlite.prepare('SELECT * FROM menu_settings').all();
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(loadMenuSettings(database.db, testPiiKeys, DEMO_STORE_ID)).toEqual({
      endpointUrl: 'https://menu.example.com/greentill',
      secret: SECRET,
      enabled: true,
    });
    expect(audits().map((a) => [a.staffId, JSON.parse(a.after) as unknown])).toEqual([
      ['staff-demo-admin', { endpointUrl: 'https://menu.example.com/greentill', enabled: true }],
    ]);
  });

  it('once saved, the menu lane runs on its own (no Metrc set up), counts in the header backlog, and the next sale reaches the menu', async () => {
    await simulateSales(core, database.db, { count: 2, seed: 8 });
    const before = await core.send('sync-status', {});
    // Not set up: the menu's queue is listed but not owed.
    expect(before.ok && before.value.lanes.find((l) => l.destination === MENU_LANE)).toMatchObject({ configured: false, pending: 2 });
    const metrcPending = before.ok ? (before.value.lanes.find((l) => l.destination === 'metrc')?.pending ?? -1) : -1;
    expect(before.ok && before.value.backlog).toBe(metrcPending);

    await core.send('session-lock', {});
    await signIn(core, 'admin');
    expect((await core.send('menu-settings-set', { endpointUrl: menu.url, secret: SECRET })).ok).toBe(true);
    expect(sync.destinations).toEqual([MENU_LANE]);
    await expect.poll(() => menu.applied().length, { timeout: 10_000 }).toBe(2);
    const after = await core.send('sync-status', {});
    expect(after.ok && after.value.lanes.find((l) => l.destination === MENU_LANE)).toMatchObject({ configured: true, online: true, pending: 0 });

    // Set up, the menu's queue is owed: a sale made while it is down counts in the header.
    await menu.stop();
    await simulateSales(core, database.db, { count: 1, seed: 9 });
    await expect
      .poll(async () => {
        const status = await core.send('sync-status', {});
        const lanes = status.ok ? status.value.lanes : [];
        const pending = (destination: string) => lanes.find((l) => l.destination === destination)?.pending ?? -1;
        return status.ok ? [pending(MENU_LANE), status.value.backlog - pending('metrc')] : null;
      })
      .toEqual([1, 1]);
    await menu.start();
    await expect.poll(() => menu.applied().length, { timeout: 10_000 }).toBe(3);

    // Paused: the lane stops; its items would wait.
    await core.send('session-lock', {});
    await signIn(core, 'admin');
    expect((await core.send('menu-settings-set', { endpointUrl: menu.url, secret: SECRET, enabled: false })).ok).toBe(true);
    expect(sync.destinations).toEqual([]);
  }, 30_000);
});
