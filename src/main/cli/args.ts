import { parseArgs } from 'node:util';
import type { RegisterDatabase } from '../db/open';
import { openCommandDatabase } from './database-option';

/** Parses `--name value` options strictly; an unknown or malformed option is a readable error, not a throw. */
export function parseOptions<K extends string>(args: readonly string[], names: readonly K[]): { values: Partial<Record<K, string>> } | { error: string } {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return { values: parseArgs({ args: [...args], options, strict: true }).values as Partial<Record<K, string>> };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs a command's work on the database it names (or the register's own), always closing it. */
export async function withDatabase<T>(dbOption: string | undefined, work: (database: RegisterDatabase) => T | Promise<T>): Promise<T> {
  const database = openCommandDatabase(dbOption);
  try {
    return await work(database);
  } finally {
    database.close();
  }
}
