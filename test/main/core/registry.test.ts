import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/create-core';
import { allHandlers } from '../../../src/main/core/handlers';
import { combineHandlers, createInvoke } from '../../../src/main/core/registry';
import type { HandlerMap } from '../../../src/main/core/handler';
import { catalogHandlers } from '../../../src/main/features/catalog/handlers';
import { AppError } from '../../../src/shared/errors';
import type { Authorize } from '../../../src/main/features/staff/authorize';
import { TerminalSession } from '../../../src/main/features/staff/terminal-session';
import { syncNotRunning } from '../../../src/main/features/sync/monitor';
import { storeNotLinked } from '../../../src/main/features/store-link/store-connection';
import { noDevices } from '../../../src/main/features/devices/service';
import { signIn } from '../../support/session';
import { openTempDatabase, type TempDatabase, testPiiKeys } from '../../support/temp-db';

let database: TempDatabase;
let core: Core;

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  core = createCore({ piiKeys: testPiiKeys, database, now: () => new Date('2026-11-24T18:00:00Z') });
  await signIn(core);
});
afterEach(() => database.dispose());

const count = (table: string): number => (database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('invoke: payload validation', () => {
  const badPayloads: Array<[string, unknown, string]> = [
    ['missing fields', {}, 'customerType'],
    ['a date that does not exist', { customerType: 'adult', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '2001-02-30' }, 'dateOfBirth'],
    ['a wrong type', { customerType: 'adult', firstName: 42, lastName: 'Ruiz', dateOfBirth: '2001-02-03' }, 'firstName'],
    ['an unknown customer type', { customerType: 'vip', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '2001-02-03' }, 'customerType'],
    ['an extra field', { customerType: 'adult', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '2001-02-03', isAdmin: true }, ''],
    [
      'a medical patient without registration',
      { customerType: 'medical', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '2001-02-03' },
      'medicalRegistration',
    ],
    ['not an object', 'DROP TABLE customers', ''],
    ['an over-long name', { customerType: 'adult', firstName: 'A'.repeat(61), lastName: 'Ruiz', dateOfBirth: '2001-02-03' }, 'firstName'],
  ];

  it.each(badPayloads)('rejects %s with a typed error and writes nothing', async (_label, payload, field) => {
    const customersBefore = count('customers');
    const auditBefore = count('audit_log');
    const result = await core.invoke('customer-create', payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message.length).toBeGreaterThan(5);
    if (field !== '') expect(result.error.message).toContain(field);
    expect(count('customers')).toBe(customersBefore);
    expect(count('audit_log')).toBe(auditBefore);
  });

  it('accepts a valid payload, writes the row and its audit entry', async () => {
    const customersBefore = count('customers');
    const result = await core.send('customer-create', { customerType: 'adult', firstName: 'Ana', lastName: 'Ruiz', dateOfBirth: '2001-02-03' });
    expect(result).toEqual({ ok: true, value: { customerId: expect.any(String) } });
    expect(count('customers')).toBe(customersBefore + 1);
    const audit = database.sqlite.prepare('SELECT action, entity_id AS entityId, after FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      action: string;
      entityId: string;
      after: string;
    };
    expect(audit.action).toBe('customer.create');
    expect(result.ok && audit.entityId === result.value.customerId).toBe(true);
    expect(audit.after).not.toContain('Ana'); // no PII in the audit log
  });

  it('refuses an unknown command by name', async () => {
    const result = await core.invoke('drawer-empty-into-my-car', {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: expect.stringContaining('drawer-empty-into-my-car') } });
  });

  it('fills input defaults from the contract', async () => {
    const result = await core.send('catalog-search', {});
    expect(result.ok && result.value.items.length).toBe(50);
  });
});

describe('invoke: handler failures', () => {
  const base = () => ({
    db: database.db,
    terminalId: core.terminalId,
    session: new TerminalSession(),
    piiKeys: testPiiKeys,
    now: () => new Date(),
    sync: syncNotRunning,
    devices: noDevices,
    storeLink: storeNotLinked,
  });
  const grantAll: Authorize = async () => ({ staff: null, approvedBy: null });

  function withCatalogHandler(handler: HandlerMap['catalog-search']): HandlerMap {
    return { ...allHandlers(), 'catalog-search': handler };
  }

  it('passes an AppError through as its code and message', async () => {
    const invoke = createInvoke(
      withCatalogHandler(() => {
        throw new AppError('UPC_CHECK_DIGIT', 'UPC check digit is wrong — rescan');
      }),
      base(),
      grantAll,
    );
    expect(await invoke('catalog-search', {})).toEqual({ ok: false, error: { code: 'UPC_CHECK_DIGIT', message: 'UPC check digit is wrong — rescan' } });
  });

  it('hides an unexpected exception behind a readable INTERNAL error', async () => {
    const invoke = createInvoke(
      withCatalogHandler(() => {
        throw new TypeError('cannot read properties of undefined (reading "secret")');
      }),
      base(),
      grantAll,
    );
    const result = await invoke('catalog-search', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).not.toContain('secret');
    }
  });

  it('refuses an answer that breaks the contract', async () => {
    const invoke = createInvoke(
      withCatalogHandler(() => ({ total: -1, more: false, items: [] })),
      base(),
      grantAll,
    );
    expect(await invoke('catalog-search', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('never turns a committed write into an error: an off-contract answer is logged and delivered (issue #16, finding 5)', async () => {
    const invoke = createInvoke({ ...allHandlers(), 'tender-mode-set': () => ({ cashOnly: 'yes' }) as never }, base(), grantAll);
    expect(await invoke('tender-mode-set', { cashOnly: true, reason: 'terminal down' })).toEqual({ ok: true, value: { cashOnly: 'yes' } });
  });
});

describe('combineHandlers', () => {
  it('refuses a command registered twice', () => {
    expect(() => combineHandlers(allHandlers(), catalogHandlers)).toThrow(/registered twice/);
  });

  it('refuses a contract command without a handler', () => {
    expect(() => combineHandlers(catalogHandlers)).toThrow(/without a handler: .*store-get/);
  });

  it('is satisfied by the shipped handlers', async () => {
    const { commandNames } = await import('../../../src/shared/contract');
    expect(Object.keys(allHandlers()).sort()).toEqual([...commandNames].sort());
  });
});

describe('hostile text', () => {
  const hostile = ["Robert'); DROP TABLE customers;--", '%', '_', '\\', "O'Brien", '"; DELETE FROM audit_log; --', '🌿 Ünïcødé'];

  it.each(hostile)('stores and reads back %j verbatim with no SQL effect', async (text) => {
    const created = await core.send('customer-create', { customerType: 'adult', firstName: 'Hostile', lastName: text, dateOfBirth: '1990-01-01' });
    expect(created.ok).toBe(true);
    const found = await core.send('customer-search', { text: text.trim() === '' ? 'Hostile' : text });
    expect(found.ok).toBe(true);
    if (found.ok) expect(found.value.items.map((c) => c.lastName)).toContain(text);
    expect(count('customers')).toBeGreaterThan(4);
    expect(count('audit_log')).toBeGreaterThan(1);
  });

  it('refuses a NUL (any control character) in counter text, naming the field (issue #16, finding 12)', async () => {
    expect(await core.send('customer-create', { customerType: 'adult', firstName: 'Hostile', lastName: '\u0000nul', dateOfBirth: '1990-01-01' })).toMatchObject(
      { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('lastName: Remove the control characters') } },
    );
  });

  it('treats LIKE wildcards in a search as literal characters', async () => {
    const all = await core.send('catalog-search', { text: '%' });
    expect(all.ok && all.value.total).toBe(0);
    const underscore = await core.send('catalog-search', { text: '_' });
    expect(underscore.ok && underscore.value.total).toBe(0);
  });
});

describe('contract schemas', () => {
  it('every input is an object schema (a payload is one object argument)', async () => {
    const { contract } = await import('../../../src/shared/contract');
    for (const spec of Object.values(contract)) expect(spec.input.safeParse('text').success).toBe(false);
  });
});
