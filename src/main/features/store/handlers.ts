import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { stores, terminals } from '../../platform/db/schema';
import type { Handlers } from '../../core/handler';

export const storeHandlers: Handlers<'store-get'> = {
  'store-get': (_input, { db, terminalId }) => {
    const row = db
      .select({ store: stores, terminal: { id: terminals.id, name: terminals.name } })
      .from(terminals)
      .innerJoin(stores, eq(stores.id, terminals.storeId))
      .where(eq(terminals.id, terminalId))
      .get();
    if (row === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
    const { id, name, licenseNumber, state, timeZone, address } = row.store;
    return { store: { id, name, licenseNumber, state, timeZone, address }, terminal: row.terminal };
  },
};
