import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';

/**
 * The triggers that make the audit log, payments and sales append-only
 * (migrations 0001 and 0014). Anyone with the file can drop one with a
 * single statement; the chain's MACs still catch what is then edited, but a
 * register must not go on trading on a file someone has opened up like that.
 */
const GUARDS: ReadonlyArray<{ readonly name: string; readonly table: string; readonly event: 'UPDATE' | 'DELETE' }> = [
  { name: 'audit_log_no_update', table: 'audit_log', event: 'UPDATE' },
  { name: 'audit_log_no_delete', table: 'audit_log', event: 'DELETE' },
  { name: 'payments_no_update', table: 'payments', event: 'UPDATE' },
  { name: 'payments_no_delete', table: 'payments', event: 'DELETE' },
  { name: 'sales_no_delete', table: 'sales', event: 'DELETE' },
];

/** The guards that are missing or no longer refuse anything (a same-named trigger that does nothing counts as missing). */
export function missingAuditGuards(sqlite: Database.Database): string[] {
  const rows = sqlite.prepare("SELECT name, tbl_name AS tableName, sql FROM sqlite_master WHERE type = 'trigger'").all() as Array<{
    name: string;
    tableName: string;
    sql: string | null;
  }>;
  const byName = new Map(rows.map((r) => [r.name, r]));
  return GUARDS.filter((guard) => {
    const found = byName.get(guard.name);
    const text = (found?.sql ?? '').replace(/\s+/g, ' ').toUpperCase();
    return (
      found === undefined ||
      found.tableName !== guard.table ||
      !text.includes(`BEFORE ${guard.event} ON ${guard.table.toUpperCase()}`) ||
      !text.includes('RAISE(ABORT')
    );
  }).map((guard) => guard.name);
}

/** Refuses to start on a database whose append-only guards were removed. */
export function assertAuditGuards(sqlite: Database.Database): void {
  const missing = missingAuditGuards(sqlite);
  if (missing.length === 0) return;
  throw new AppError(
    'AUDIT_GUARDS_MISSING',
    'The register will not start: the protection that keeps the audit log, sales and payments from being changed has been removed from its database. Someone has altered the file. Do not use this register; call IT support and keep the file as it is.',
    { missing },
  );
}
