import { sql, type Column, type SQL } from 'drizzle-orm';
import type { RegisterDb } from './register-db';
import type { RegisterTx } from './transaction';

type Handle = RegisterDb | RegisterTx;

/**
 * A hot-path statement built and compiled once per connection, then reused
 * (issue #18). Through the query builder drizzle rebuilds the SQL string and
 * SQLite recompiles it on every call: 38–114 µs a statement, against 4–6 µs
 * for the same statement prepared, and a sale runs about forty of them.
 * `build` names every value that varies with `sql.placeholder`; the caller
 * passes them to `.get` / `.all` / `.run`, which still map them through the
 * column's mode (timestamps, JSON, booleans) as the builder would.
 *
 * Keyed by the connection's drizzle session, which a transaction handle
 * shares with its database: a statement prepared on either runs on both,
 * inside or outside a transaction. A closed connection's statements go with
 * its session (weakly held).
 */
export function preparedOnce<T>(build: (db: Handle) => T): (db: Handle) => T {
  const byConnection = new WeakMap<object, T>();
  return (db) => {
    const connection = sessionOf(db);
    let statement = byConnection.get(connection);
    if (statement === undefined) {
      statement = build(db);
      byConnection.set(connection, statement);
    }
    return statement;
  };
}

/** drizzle keeps the session internal; it is the one object a database and its transactions share. */
function sessionOf(db: Handle): object {
  const session = (db as unknown as { readonly session?: unknown }).session;
  if (typeof session !== 'object' || session === null) throw new Error('preparedOnce: this database handle has no drizzle session');
  return session;
}

/**
 * A placeholder whose value goes through `column`'s mode (a Date to epoch
 * ms, an object to JSON text, a boolean to 0/1). An insert's values do this
 * for a bare `sql.placeholder`; a condition (`eq`, `gte`) and an update's
 * `set` bind a bare placeholder as given, so timestamp, JSON and boolean
 * columns there take this one.
 */
export function bound(column: Column, name: string): SQL {
  return sql`${sql.param(sql.placeholder(name), column)}`;
}
