import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { macOnConnection } from '../../../../src/main/platform/audit/audit-key';
import { appendAudit, verifyAuditChain } from '../../../../src/main/platform/audit/log';
import { writeTransaction } from '../../../../src/main/platform/db/transaction';
import { openTempDatabase, type TempDatabase } from '../../../support/temp-db';

let database: TempDatabase;

beforeEach(() => {
  database = openTempDatabase();
  writeTransaction(database.db, (tx) => {
    for (let i = 1; i <= 5; i += 1) {
      appendAudit(tx, {
        at: new Date(Date.UTC(2026, 10, 24, 12, i)),
        staffId: 's1',
        terminalId: 't1',
        action: 'sale.complete',
        entityType: 'sale',
        entityId: `sale-${i}`,
        after: { totalCents: i * 1000 },
      });
    }
  });
});
afterEach(() => database.dispose());

/** Tampering needs the triggers gone, as an attacker with the file would do. */
function dropGuards(): void {
  database.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit log', () => {
  it('verifies an untouched chain', () => {
    // The keying entry (written when the database was opened with the key) and the five.
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, entries: 6 });
  });

  it('refuses UPDATE and DELETE through SQL', () => {
    expect(() => database.sqlite.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => database.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
  });

  it('detects an edited row at that row', () => {
    dropGuards();
    database.sqlite.prepare(`UPDATE audit_log SET after = '{"totalCents":1}' WHERE seq = 3`).run();
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 3, problem: 'content' });
  });

  it('detects a deleted row at the gap', () => {
    dropGuards();
    database.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 2, problem: 'gap' });
  });

  it('detects a deleted and renumbered row as a broken chain', () => {
    dropGuards();
    database.sqlite.exec('DELETE FROM audit_log WHERE seq = 2; UPDATE audit_log SET seq = seq - 1 WHERE seq > 2;');
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 2, problem: 'chain' });
  });

  it('detects a recomputed hash on an edited row through the next row', () => {
    dropGuards();
    database.sqlite.prepare("UPDATE audit_log SET hash = 'f00d' WHERE seq = 4").run();
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 4, problem: 'content' });
  });
});

describe('the MAC a connection computes (issue #18)', () => {
  it('is the one its SQL function gives, and a connection without the key still cannot append', () => {
    const message = 'seq=6|prev=abc|entry={}';
    const viaSql = (database.sqlite.prepare('SELECT greentill_audit_mac(?) AS mac').get(message) as { mac: string }).mac;
    expect(macOnConnection(database.db, message)).toBe(viaSql);
    const keyless = new Database(database.path);
    try {
      expect(() => macOnConnection(drizzle(keyless), message)).toThrow(/without the register’s key/);
    } finally {
      keyless.close();
    }
  });
});
