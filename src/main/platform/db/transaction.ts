import type { RegisterDb } from './register-db';
import { walWritten } from './wal-checkpoints';

/** A drizzle transaction handle: same query API as the database. */
export type RegisterTx = Parameters<Parameters<RegisterDb['transaction']>[0]>[0];

/**
 * The one write path: an IMMEDIATE transaction takes the write lock up front,
 * so two terminals' writes never deadlock on upgrade. The callback must be
 * synchronous (better-sqlite3): do network and device I/O before or after.
 */
export function writeTransaction<T>(db: RegisterDb, work: (tx: RegisterTx) => T): T {
  const result = db.transaction((tx) => work(tx), { behavior: 'immediate' });
  // Committed: the log's checkpoint comes later, when the register is idle (db/wal-checkpoints.ts).
  walWritten(db);
  return result;
}
