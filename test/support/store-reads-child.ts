/**
 * A register's read stream in a process of its own, killed with SIGKILL in
 * the middle of applying a PostgreSQL transaction: the N-th package update
 * inside the apply calls a SQL function that kills the process, before the
 * SQLite transaction can commit. (The trigger is TEMP: it lives only on this
 * connection and is never written to the register's file.)
 *
 * argv: <register.sqlite> <key byte> <which package update kills>
 */
import { openDatabase } from '../../src/main/platform/db/open';
import { derivePiiKeys } from '../../src/main/platform/security/pii-crypto';
import { StoreReads } from '../../src/main/features/store-link/store-reads';
import { migrationsFolder } from './temp-db';
import { deriveAuditKey } from '../../src/main/platform/audit/audit-key';

const [path, keyByte, killAt] = process.argv.slice(2);
if (path === undefined || keyByte === undefined || killAt === undefined) throw new Error('usage: store-reads-child <db> <key byte> <n>');
// Keyed as the register's own audit chain is (test/support/store-register.ts).
const database = openDatabase({ path, migrationsFolder, auditKey: deriveAuditKey(Buffer.alloc(32, Number(keyByte))) });
let updates = 0;
database.sqlite.function('kill_at_update', () => {
  updates += 1;
  if (updates === Number(killAt)) process.kill(process.pid, 'SIGKILL');
  return updates;
});
database.sqlite.exec('CREATE TEMP TRIGGER kill_mid_apply AFTER UPDATE OF quantity_on_hand ON main.packages BEGIN SELECT kill_at_update(); END');
new StoreReads(database.db, derivePiiKeys(Buffer.alloc(32, Number(keyByte)))).start();
process.stdout.write('reading\n');
