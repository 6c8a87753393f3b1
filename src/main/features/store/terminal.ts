import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { settings, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';

/** Settings key naming the terminal this installation runs as. */
export const THIS_TERMINAL_KEY = 'this_terminal_id';

export function storeIdOfTerminal(db: RegisterDb | RegisterTx, terminalId: string): string {
  const row = storeIdOf(db).get({ terminalId });
  if (row === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
  return row.storeId;
}

// Every scan asks this: prepared once per connection (issue #18).
const storeIdOf = preparedOnce((db) =>
  db
    .select({ storeId: terminals.storeId })
    .from(terminals)
    .where(eq(terminals.id, sql.placeholder('terminalId')))
    .prepare(),
);

/** The terminal this database was set up for, or null on a blank database. */
export function thisTerminalId(db: RegisterDb): string | null {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, THIS_TERMINAL_KEY)).get();
  return typeof row?.value === 'string' ? row.value : null;
}
