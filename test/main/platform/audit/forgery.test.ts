import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditMac, type AuditKey } from '../../../../src/main/platform/audit/audit-key';
import { GENESIS_HASH, hashEntry, headMessage, macMessage } from '../../../../src/main/platform/audit/log';
import type { SaleSeal } from '../../../../src/main/platform/audit/sale-seal';
import { currentAnchor, parseAnchor, verifyAuditChain } from '../../../../src/main/platform/audit/verify';
import { completeSale } from '../../../../src/main/features/checkout/complete-sale';
import { createCore } from '../../../../src/main/core/create-core';
import { openDatabase } from '../../../../src/main/platform/db/open';
import { demoPackageTag } from '../../../../src/main/features/demo/seed';
import { openDrawer } from '../../../../src/main/features/cash-drawer/session';
import { testSaleServices } from '../../../support/sales';
import { signIn } from '../../../support/session';
import { migrationsFolder, openTempDatabase, testAuditKey, testPiiKeys, type TempDatabase } from '../../../support/temp-db';

/**
 * Issue #16, finding 3: each way of forging the audit file, on a real
 * SQLite file. The forger has the file (and drops the triggers, as one
 * statement does) but not the key — they can only recompute the public
 * SHA-256 — and is caught by `verify-audit`. A forger who also has the key
 * is caught against an anchor written down earlier.
 */
let database: TempDatabase;
const now = new Date('2026-11-24T18:00:00Z');
let saleId = '';

beforeEach(async () => {
  database = openTempDatabase({ demo: true });
  const core = createCore({ piiKeys: testPiiKeys, database, now: () => now });
  await signIn(core);
  openDrawer(database.db, { terminalId: core.terminalId, staffId: 'staff-demo-budtender', count: { '2000': 5 }, now });
  const cart = await core.send('cart-open', {});
  if (!cart.ok) throw new Error(cart.error.message);
  await core.send('cart-scan', { cartId: cart.value.cartId, code: demoPackageTag(2) });
  saleId = completeSale(database.db, testSaleServices, {
    cartId: cart.value.cartId,
    terminalId: core.terminalId,
    staffId: 'staff-demo-budtender',
    tenders: [{ tender: 'cash', tenderedCents: 5_000 }],
    madeOffline: false,
    now,
  }).saleId;
  database.sqlite.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER payments_no_update; DROP TRIGGER payments_no_delete; DROP TRIGGER sales_no_delete;',
  );
});
afterEach(() => database.dispose());

interface Row {
  seq: number;
  at: number;
  staff_id: string | null;
  terminal_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  seal: string | null;
  prev_hash: string;
  hash: string;
}
const rows = (sqlite: Database.Database) => sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
const lastSeq = () => rows(database.sqlite).at(-1)?.seq ?? 0;

/** Recomputes every entry's link and hash from `fromSeq` on — with SHA-256 (no key), or with the key when the forger has it. */
function rechain(sqlite: Database.Database, fromSeq: number, key?: AuditKey): void {
  let prev = GENESIS_HASH;
  const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows(sqlite)) {
    if (row.seq >= fromSeq) {
      const entry = {
        at: new Date(row.at),
        staffId: row.staff_id,
        terminalId: row.terminal_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before === null ? null : JSON.parse(row.before),
        after: row.after === null ? null : JSON.parse(row.after),
      };
      const seal = row.seal === null ? null : (JSON.parse(row.seal) as SaleSeal);
      const hash = key === undefined ? hashEntry(row.seq, prev, entry) : auditMac(key, macMessage(row.seq, prev, entry, seal));
      update.run(prev, hash, row.seq);
      prev = hash;
    } else prev = row.hash;
  }
  if (key !== undefined)
    sqlite
      .prepare('UPDATE audit_head SET seq = ?, mac = ? WHERE id = 1')
      .run(rows(sqlite).at(-1)?.seq ?? 0, auditMac(key, headMessage(rows(sqlite).at(-1)?.seq ?? 0, prev)));
}

describe('the audit chain, forged without the key', () => {
  it('verifies untouched, with an anchor to write down', () => {
    const verdict = verifyAuditChain(database.db);
    expect(verdict).toMatchObject({ ok: true, anchor: expect.stringMatching(/^\d+:[0-9a-f]{16}$/) });
  });

  it('edit + rehash', () => {
    database.sqlite.prepare(`UPDATE audit_log SET after = '{"saleNumber":"C1-000001","totalCents":1}' WHERE action = 'sale.complete'`).run();
    const seq = (database.sqlite.prepare("SELECT seq FROM audit_log WHERE action = 'sale.complete'").get() as { seq: number }).seq;
    rechain(database.sqlite, seq);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq, problem: 'content' });
  });

  it('delete + renumber + rehash', () => {
    database.sqlite.exec('DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = seq - 1 WHERE seq > 3;');
    rechain(database.sqlite, 3);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 3, problem: 'content' });
  });

  it('middle insert + rehash', () => {
    database.sqlite.exec('UPDATE audit_log SET seq = seq + 1000 WHERE seq > 3; UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000;');
    database.sqlite
      .prepare(
        "INSERT INTO audit_log (seq, at, staff_id, terminal_id, action, entity_type, entity_id, before, after, prev_hash, hash) VALUES (4, ?, 'staff-demo-manager', NULL, 'drawer.no_sale', 'drawer', 'x', NULL, NULL, '', '')",
      )
      .run(now.getTime());
    rechain(database.sqlite, 4);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: 4, problem: 'content' });
  });

  it('appended forged entry', () => {
    const seq = lastSeq() + 1;
    database.sqlite
      .prepare(
        "INSERT INTO audit_log (seq, at, staff_id, terminal_id, action, entity_type, entity_id, before, after, prev_hash, hash) VALUES (?, ?, 'staff-demo-manager', NULL, 'sale.void', 'sale', ?, NULL, NULL, '', '')",
      )
      .run(seq, now.getTime(), saleId);
    rechain(database.sqlite, seq);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq, problem: 'content' });
  });

  it('truncated tail', () => {
    const last = lastSeq();
    database.sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 2);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, seq: last - 2, problem: 'head' });
    // Putting the head back to an earlier entry needs the key.
    database.sqlite.prepare('UPDATE audit_head SET seq = ?').run(last - 2);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'head' });
  });

  it('downgraded to the unkeyed scheme: every entry rehashed with SHA-256 and the head removed', () => {
    database.sqlite.exec(
      "UPDATE audit_log SET action = 'audit.rekeyed' WHERE action = 'audit.chain_keyed'; UPDATE audit_log SET seal = NULL; DELETE FROM audit_head;",
    );
    rechain(database.sqlite, 1);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'unkeyed' });
  });

  it('a sale or payment row edited, added or deleted behind the register’s back', () => {
    database.sqlite.prepare('UPDATE sales SET total_cents = total_cents - 1000 WHERE id = ?').run(saleId);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'sale_row', saleId });
    database.sqlite.prepare('UPDATE sales SET total_cents = total_cents + 1000 WHERE id = ?').run(saleId);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true });
    database.sqlite.prepare('UPDATE payments SET amount_cents = 1 WHERE sale_id = ?').run(saleId);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'sale_row', saleId });
    database.sqlite.prepare('DELETE FROM payments WHERE sale_id = ?').run(saleId);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'sale_row', saleId });
    database.sqlite.pragma('foreign_keys = OFF');
    database.sqlite.prepare('DELETE FROM sale_lines WHERE sale_id = ?').run(saleId);
    database.sqlite.prepare('DELETE FROM sales WHERE id = ?').run(saleId);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, problem: 'sale_row', saleId });
  });
});

describe('the audit chain, forged with the key, against a printed anchor', () => {
  it('edit + re-MAC passes without an anchor but not against one written before', () => {
    const anchor = currentAnchor(database.db);
    if (anchor === null) throw new Error('no anchor');
    database.sqlite.prepare(`UPDATE audit_log SET after = '{"edited":true}' WHERE seq = 2`).run();
    rechain(database.sqlite, 2, testAuditKey);
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true });
    expect(verifyAuditChain(database.db, { anchor })).toMatchObject({ ok: false, seq: anchor.seq, problem: 'anchor' });
  });

  it('a truncated tail with a re-MAC’d head is caught by the anchor', () => {
    const anchor = currentAnchor(database.db);
    if (anchor === null) throw new Error('no anchor');
    database.sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(anchor.seq - 1);
    rechain(database.sqlite, anchor.seq, testAuditKey);
    expect(verifyAuditChain(database.db)).not.toMatchObject({ problem: 'head' });
    expect(verifyAuditChain(database.db, { anchor })).toMatchObject({ ok: false, seq: anchor.seq, problem: 'anchor' });
  });
});

describe('start-up', () => {
  it('refuses a keyed database whose tail was cut off, rather than write a new head over it', () => {
    const path = database.path;
    database.sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(lastSeq());
    // The forger puts the triggers back, so only the head gives them away.
    database.sqlite.exec(
      "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END; CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'x'); END; CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'x'); END; CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'x'); END;",
    );
    expect(() => openDatabase({ path, migrationsFolder, auditKey: testAuditKey })).toThrow(expect.objectContaining({ code: 'AUDIT_CHAIN_BROKEN' }));
  });

  it('refuses a database whose append-only triggers were dropped, with a clear message', () => {
    const path = database.path;
    expect(() => openDatabase({ path, migrationsFolder, auditKey: testAuditKey })).toThrow(
      expect.objectContaining({ code: 'AUDIT_GUARDS_MISSING', message: expect.stringContaining('will not start') }),
    );
  });
});

describe('a database written by an older build (unkeyed SHA-256 chain)', () => {
  it('is keyed at its first start: the older entries are pinned by the keying entry and still checked', () => {
    const path = `${database.dir}/older.sqlite`;
    const older = openDatabase({ path, migrationsFolder });
    const insert = older.sqlite.prepare(
      "INSERT INTO audit_log (seq, at, staff_id, terminal_id, action, entity_type, entity_id, before, after, prev_hash, hash) VALUES (?, ?, NULL, NULL, 'store.setup', 'store', 's1', NULL, ?, ?, ?)",
    );
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq += 1) {
      const entry = { at: now, staffId: null, terminalId: null, action: 'store.setup', entityType: 'store', entityId: 's1', after: { step: seq } };
      const hash = hashEntry(seq, prev, entry);
      insert.run(seq, now.getTime(), JSON.stringify({ step: seq }), prev, hash);
      prev = hash;
    }
    older.close();
    const keyed = openDatabase({ path, migrationsFolder, auditKey: testAuditKey });
    try {
      expect(rows(keyed.sqlite).map((r) => r.action)).toEqual(['store.setup', 'store.setup', 'store.setup', 'audit.chain_keyed']);
      expect(verifyAuditChain(keyed.db)).toMatchObject({ ok: true, entries: 4 });
      keyed.sqlite.exec('DROP TRIGGER audit_log_no_update;');
      keyed.sqlite.prepare(`UPDATE audit_log SET after = '{"step":99}' WHERE seq = 2`).run();
      rechain(keyed.sqlite, 2);
      expect(verifyAuditChain(keyed.db)).toMatchObject({ ok: false, seq: 4, problem: 'content' });
    } finally {
      keyed.close();
    }
  });
});

describe('the anchor on paper', () => {
  it('the Z-report carries the chain head, which verify-audit accepts as an anchor', async () => {
    const core = createCore({ piiKeys: testPiiKeys, database, now: () => now });
    await signIn(core, 'manager');
    const report = await core.send('report-z', {});
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.auditAnchor).toMatch(/^\d+:[0-9a-f]{16}$/);
    expect(verifyAuditChain(database.db, { anchor: parseAnchor(report.value.auditAnchor ?? '') })).toMatchObject({ ok: true });
  });
});
