import type Database from 'better-sqlite3';
import { is, Param, Placeholder, sql, type Column, type SQL } from 'drizzle-orm';
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
      statement = withCompiledParameters(build(db));
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

/**
 * What drizzle's better-sqlite3 prepared query holds (drizzle-orm 0.45,
 * better-sqlite3/session.js): the compiled statement and its parameters as
 * built (values, placeholders, and placeholders with their column's encoder).
 */
interface DrizzlePrepared {
  readonly stmt: Database.Statement;
  readonly query: { readonly params: readonly unknown[] };
}

type Values = Record<string, unknown> | undefined;

/**
 * The same prepared query, a write's parameters filled by steps worked out
 * once (issue #18). drizzle's `fillPlaceholders` asks, for every parameter of
 * every call, which kind of entity it is (`is()` walks the prototype chain
 * when the answer is no); a sale's inserts carry two hundred parameters.
 * Values, encoders and the missing-value error are drizzle's own. Reads
 * (`get`, `all`, `values`) stay drizzle's, which maps their rows. Anything
 * that is not such a query is returned as it was built.
 */
function withCompiledParameters<T>(built: T): T {
  if (!isDrizzlePrepared(built)) return built;
  const { stmt, query } = built;
  const fill = compileFill(query.params);
  const compiled = Object.create(built as object) as { run: (values: Values) => Database.RunResult };
  compiled.run = (values) => stmt.run(...fill(values));
  return compiled as T;
}

function isDrizzlePrepared(value: unknown): value is DrizzlePrepared {
  const candidate = value as Partial<DrizzlePrepared> | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.stmt?.run === 'function' && Array.isArray(candidate.query?.params);
}

/** One step per parameter, as drizzle's fillPlaceholders would take it: a fixed value, a placeholder, or a placeholder through its column's encoder. */
function compileFill(params: readonly unknown[]): (values: Values) => unknown[] {
  const steps = params.map((param): ((values: Record<string, unknown>) => unknown) => {
    if (is(param, Placeholder)) {
      const name = param.name;
      return (values) => valueOf(values, name);
    }
    if (is(param, Param) && is(param.value, Placeholder)) {
      const name = param.value.name;
      const encoder = param.encoder;
      return (values) => encoder.mapToDriverValue(valueOf(values, name));
    }
    return () => param;
  });
  return (values) => {
    const given = values ?? {};
    const filled = new Array<unknown>(steps.length);
    for (let i = 0; i < steps.length; i += 1) filled[i] = (steps[i] as (v: Record<string, unknown>) => unknown)(given);
    return filled;
  };
}

function valueOf(values: Record<string, unknown>, name: string): unknown {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}
