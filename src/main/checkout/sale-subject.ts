import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors';
import { stores, terminals } from '../db/schema';
import type { RegisterDb } from '../db/open';
import { preparedOnce } from '../db/prepared';
import type { RegisterTx } from '../db/transaction';
import type { SaleSubject } from './ports';

/** Where and for whom a sale is made: the store's state and zone, the customer, the moment. */
export function saleSubject(
  tx: RegisterDb | RegisterTx,
  terminalId: string,
  customerId: string | null,
  customerType: SaleSubject['customerType'],
  at: Date,
): SaleSubject {
  const store = storeOfTerminal(tx).get({ terminalId });
  if (store === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This terminal is not set up in the database. Call IT support.');
  return { storeId: store.id, timeZone: store.timeZone, state: store.state, customerId, customerType, at };
}

// Every scan and sale asks this: prepared once per connection (issue #18).
const storeOfTerminal = preparedOnce((db) =>
  db
    .select({ id: stores.id, timeZone: stores.timeZone, state: stores.state })
    .from(terminals)
    .innerJoin(stores, eq(stores.id, terminals.storeId))
    .where(eq(terminals.id, sql.placeholder('terminalId')))
    .prepare(),
);
