import type { RegisterDb } from './register-db';

/** A drizzle transaction handle: same query API as the database. */
export type RegisterTx = Parameters<Parameters<RegisterDb['transaction']>[0]>[0];

/**
 * The one write path: an IMMEDIATE transaction takes the write lock up front,
 * so two terminals' writes never deadlock on upgrade. The callback must be
 * synchronous (better-sqlite3): do network and device I/O before or after.
 */
export function writeTransaction<T>(db: RegisterDb, work: (tx: RegisterTx) => T): T {
  return db.transaction((tx) => work(tx), { behavior: 'immediate' });
}
