import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { loadStoreLink } from '../../../../src/main/features/store-link/link-settings';
import { pairWithStoreServer, StoreClient } from '../../../../src/main/features/store-link/store-client';
import { z } from 'zod';
import { useStoreRig } from '../../../support/store-rig';
import { rejection, value } from '../../../support/result';
import { demoApproval, signIn } from '../../../support/session';
import { until, type StoreRegister } from '../../../support/store-register';

/**
 * Issue #20's pairing screen: an admin at a register already paired with
 * the store server makes the one-time code another register pairs with,
 * sees the store's registers and retires one — through the register's own
 * commands, over its pinned link, on a real PostgreSQL.
 */

const rig = useStoreRig();
const adminPin = demoApproval('admin').pin;

function register(keyByte: number, name: string, paired = true): Promise<StoreRegister> {
  return rig.register({ name, keyByte, paired });
}

async function asAdmin(r: StoreRegister): Promise<string> {
  value(await r.core.send('session-sign-out', {}));
  return signIn(r.core, 'admin');
}

const terminalIdOf = (r: StoreRegister) => loadStoreLink(r.database.db, r.keys)!.terminalId;
const auditOf = (r: StoreRegister, action: string) =>
  r.database.sqlite
    .prepare('SELECT staff_id AS staffId, entity_id AS entityId, before, after FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action) as Array<{
    staffId: string;
    entityId: string;
    before: string | null;
    after: string | null;
  }>;
const CROCKFORD_CODE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

describe('the store’s registers, from a paired register', () => {
  it('an admin makes a code another register pairs with, sees both, and retires the other (its credential stops working); not itself', async () => {
    // With a read path: retiring also ends the other register's PostgreSQL role.
    const store = await rig.startStore({ state: 'CA', timeZone: 'America/Los_Angeles', reads: (url) => url });
    const one = await register(31, 'Register 1');

    // A manager (signed in by the rig) is refused all three, before the store server is asked.
    for (const [name, input] of [
      ['store-pairing-code-create', { pin: adminPin }],
      ['store-registers-list', {}],
      ['store-register-retire', { terminalId: terminalIdOf(one), pin: adminPin }],
    ] as const)
      expect(await one.core.invoke(name, input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await store.database.db.execute(sql`SELECT count(*)::int AS n FROM pairing_codes WHERE used_at IS NULL`)).rows).toEqual([{ n: 0 }]);

    const admin = await asAdmin(one);
    // The store server checks the admin's PIN against its roster: this register's staff reach it once its lane runs.
    one.sync.start();
    await until(async () => (await store.database.db.execute(sql`SELECT 1 FROM store_staff WHERE id = ${admin}`)).rows.length === 1);
    // A wrong PIN makes nothing, and is said in words; so does the register's credential alone, or a manager's PIN.
    expect(await one.core.send('store-pairing-code-create', { pin: '9999' })).toMatchObject({ ok: false, error: { code: 'STEP_UP_REFUSED' } });
    const credentialOnly = new StoreClient(loadStoreLink(one.database.db, one.keys)!);
    const manager = demoApproval('manager');
    for (const body of [{}, { admin: manager }, { admin: { staffId: admin, pin: '1111' } }])
      expect((await rejection(credentialOnly.call('POST', '/v1/terminals/pairing-code', body, z.unknown()))).code).toMatch(/^(INVALID_INPUT|STEP_UP_REFUSED)$/);
    credentialOnly.close();
    expect((await store.database.db.execute(sql`SELECT count(*)::int AS n FROM pairing_codes WHERE used_at IS NULL`)).rows).toEqual([{ n: 0 }]);
    const before = Date.now();
    const made = value(await one.core.send('store-pairing-code-create', { pin: adminPin }));
    expect(made.code).toMatch(CROCKFORD_CODE);
    const ttl = Date.parse(made.expiresAt) - before;
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    // Audited under the admin, without the code (it is a credential for 15 minutes).
    const [codeAudit] = auditOf(one, 'store-link.pairing-code');
    expect(codeAudit).toMatchObject({ staffId: admin, entityId: terminalIdOf(one) });
    expect(JSON.stringify(codeAudit)).not.toContain(made.code);
    expect(JSON.stringify(codeAudit)).not.toContain(made.code.replace('-', ''));

    // Register 2's admin types it on its own Sync screen: it pairs, with the same server pinned.
    const two = await register(32, 'Register 2', false);
    await asAdmin(two);
    const paired = value(await two.core.send('store-link-pair', { address: store.url, code: made.code.toLowerCase(), name: 'Register 2' }));
    expect(paired.fingerprint).toBe(store.fingerprint);
    await two.link.renew();
    // Used once: the same code pairs nothing else.
    expect((await rejection(pairWithStoreServer(store.url, made.code, 'Register 3'))).code).toBe('PAIRING_REFUSED');

    const listed = value(await one.core.send('store-registers-list', {})).registers;
    expect(listed.map((r) => ({ id: r.id, name: r.name, thisRegister: r.thisRegister, retiredAt: r.retiredAt, designated: r.designated }))).toEqual([
      { id: terminalIdOf(one), name: 'Register 1', thisRegister: true, retiredAt: null, designated: false },
      { id: terminalIdOf(two), name: 'Register 2', thisRegister: false, retiredAt: null, designated: false },
    ]);
    expect(listed.every((r) => r.lastSeenAt !== null && Date.parse(r.pairedAt) >= before - 60_000)).toBe(true);

    // Not itself: a register cut off by its own hand would have nobody at it who knows why.
    expect(await one.core.send('store-register-retire', { terminalId: terminalIdOf(one), pin: adminPin })).toMatchObject({
      ok: false,
      error: { code: 'TERMINAL_RETIRE_SELF', message: expect.stringContaining('cannot retire itself') },
    });
    await one.link.renew();

    const reader = new URL(loadStoreLink(two.database.db, two.keys)!.reads!.url).username;
    expect((await store.database.db.execute(sql`SELECT rolname FROM pg_roles WHERE rolname = ${reader}`)).rows).toHaveLength(1);
    const { retired } = value(await one.core.send('store-register-retire', { terminalId: terminalIdOf(two), pin: adminPin }));
    expect(retired).toMatchObject({ id: terminalIdOf(two), name: 'Register 2', thisRegister: false, retiredAt: expect.any(String) });
    // Its credential is refused at once: its next lease, and its own admin's calls.
    expect((await rejection(two.link.renew())).code).toBe('TERMINAL_RETIRED');
    expect(await two.core.send('store-registers-list', {})).toMatchObject({ ok: false, error: { code: 'TERMINAL_RETIRED' } });
    // And it reads nothing more: its PostgreSQL role is gone.
    expect((await store.database.db.execute(sql`SELECT rolname FROM pg_roles WHERE rolname = ${reader}`)).rows).toEqual([]);
    const [retireAudit] = auditOf(one, 'store-link.retire');
    expect(retireAudit).toMatchObject({ staffId: admin, entityId: terminalIdOf(two) });
    expect(JSON.parse(retireAudit!.before!)).toMatchObject({ name: 'Register 2' });

    // Listed as retired; retiring it again is refused in words.
    const after = value(await one.core.send('store-registers-list', {})).registers;
    expect(after.find((r) => r.id === terminalIdOf(two))?.retiredAt).toBe(retired.retiredAt);
    expect(await one.core.send('store-register-retire', { terminalId: terminalIdOf(two), pin: adminPin })).toMatchObject({
      ok: false,
      error: { code: 'TERMINAL_NOT_FOUND' },
    });
    expect(auditOf(one, 'store-link.retire')).toHaveLength(1);
  });

  it('a register alone, or cut off from its store server, says so in words and writes nothing', async () => {
    const store = await rig.startStore({ state: 'CA', timeZone: 'America/Los_Angeles' });
    const alone = await register(33, 'Alone', false);
    await asAdmin(alone);
    for (const [name, input] of [
      ['store-pairing-code-create', { pin: adminPin }],
      ['store-registers-list', {}],
    ] as const)
      expect(await alone.core.invoke(name, input)).toMatchObject({
        ok: false,
        error: { code: 'STORE_LINK_NOT_PAIRED', message: expect.stringContaining('not paired') },
      });

    const one = await register(34, 'Register 1');
    await asAdmin(one);
    await store.http.close();
    for (const [name, input] of [
      ['store-pairing-code-create', { pin: adminPin }],
      ['store-registers-list', {}],
    ] as const)
      expect(await one.core.invoke(name, input)).toMatchObject({
        ok: false,
        error: { code: 'STORE_UNREACHABLE', message: expect.stringContaining('cannot be reached') },
      });
    expect(await one.core.send('store-register-retire', { terminalId: 'T-other', pin: adminPin })).toMatchObject({
      ok: false,
      error: { code: 'STORE_UNREACHABLE' },
    });
    expect(auditOf(one, 'store-link.pairing-code')).toEqual([]);
    expect(auditOf(one, 'store-link.retire')).toEqual([]);
  });
});
