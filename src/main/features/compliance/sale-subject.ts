import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { stores, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { preparedOnce } from '../../platform/db/prepared';
import type { RegisterTx } from '../../platform/db/transaction';
import type { CustomerType } from '../../../shared/contract/values';
import type { StateCheck } from './state-allotment';

/** Where, when and for whom a sale is made: what pricing and the limits both need to know. */
export interface SaleSubject {
  readonly storeId: string;
  readonly timeZone: string;
  readonly state: string;
  readonly customerId: string | null;
  readonly customerType: CustomerType;
  /** An anonymous adult-use customer's accepted ID check, when there is no customer record. */
  readonly idVerificationId?: string | null;
  /** The state system's view of a medical patient (asked now, or the last answer when offline). */
  readonly stateCheck?: StateCheck | null;
  /** The cart being sold or measured: when it is an online order's, its own limit hold is not an earlier purchase. */
  readonly cartId?: string | null;
  readonly at: Date;
}

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
