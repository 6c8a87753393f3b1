import type Database from 'better-sqlite3';
import { Column, is, Param, Placeholder, SQL, sql, Subquery } from 'drizzle-orm';
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
 * better-sqlite3/session.js): the compiled statement, its parameters as
 * built (values, placeholders, and placeholders with their column's
 * encoder) and, for a select, the fields each result column maps to.
 */
interface DrizzlePrepared {
  readonly stmt: Database.Statement;
  readonly query: { readonly params: readonly unknown[] };
  readonly fields?: ReadonlyArray<{ readonly path: readonly string[]; readonly field: unknown }>;
  readonly customResultMapper?: unknown;
}

type Values = Record<string, unknown> | undefined;
type Row = Record<string, unknown>;

/**
 * The same prepared query, with the work drizzle repeats on every call done
 * once (issue #18). Its `fillPlaceholders` asks, for every parameter of every
 * call, which kind of entity it is (`is()` walks the prototype chain when the
 * answer is no), and `mapResultRow` asks it again for every column of every
 * row; a sale's statements carry two hundred parameters and read about as
 * many columns. Here each parameter's step and each column's decoder are
 * worked out when the statement is built; values, encoders, decoders and the
 * missing-value error are drizzle's own. A select whose rows nest (a join's
 * `select()`, with its null-table rule) or with a custom mapper keeps
 * drizzle's reads; anything that is not such a query is returned as built.
 */
function withCompiledParameters<T>(built: T): T {
  if (!isDrizzlePrepared(built)) return built;
  const { stmt, query } = built;
  const fill = compileFill(query.params);
  const compiled = Object.create(built as object) as {
    run: (values: Values) => Database.RunResult;
    get?: (values: Values) => Row | undefined;
    all?: (values: Values) => Row[];
  };
  compiled.run = (values) => stmt.run(...fill(values));
  const toRow = built.customResultMapper === undefined && built.fields !== undefined ? compileRow(built.fields) : null;
  if (toRow !== null) {
    compiled.get = (values) => {
      const row = stmt.raw(true).get(...fill(values)) as unknown[] | undefined;
      return row === undefined ? undefined : toRow(row);
    };
    compiled.all = (values) => (stmt.raw(true).all(...fill(values)) as unknown[][]).map(toRow);
  }
  return compiled as T;
}

/** A flat select's row from its raw values, each column through its field's decoder (null stays null), as mapResultRow does; null when the rows nest. */
function compileRow(fields: NonNullable<DrizzlePrepared['fields']>): ((row: unknown[]) => Row) | null {
  if (!fields.every((f) => f.path.length === 1)) return null;
  const keys = fields.map((f) => f.path[0] as string);
  const decoders = fields.map((f) => decoderOf(f.field));
  return (row) => {
    const result: Row = {};
    for (let i = 0; i < keys.length; i += 1) {
      const raw = row[i];
      result[keys[i] as string] = raw === null ? null : (decoders[i] as Decoder).mapFromDriverValue(raw);
    }
    return result;
  };
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

function decoderOf(field: unknown): Decoder {
  // drizzle keeps an expression's decoder on the SQL (`.mapWith`), internal to its types.
  const decoderOfSql = (expression: unknown) => (expression as { readonly decoder: Decoder }).decoder;
  if (is(field, Column)) return field;
  if (is(field, SQL)) return decoderOfSql(field);
  if (is(field, Subquery)) return decoderOfSql((field as unknown as { readonly _: { readonly sql: unknown } })._.sql);
  return decoderOfSql((field as { readonly sql: unknown }).sql);
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
