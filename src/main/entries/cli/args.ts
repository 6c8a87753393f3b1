import { parseArgs } from 'node:util';
import type { RegisterDatabase } from '../../platform/db/open';
import { commandDatabasePath, openCommandDatabase } from './database-option';
import { supportAuditKey } from './key-option';

/** Parses `--name value` options strictly; an unknown or malformed option is a readable error, not a throw. */
export function parseOptions<K extends string>(args: readonly string[], names: readonly K[]): { values: Partial<Record<K, string>> } | { error: string } {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return { values: parseArgs({ args: [...args], options, strict: true }).values as Partial<Record<K, string>> };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs a command's work on the database it names (or the register's own),
 * always closing it. The audit key comes from the support key file when it
 * exists (`--key-file`, else beside the database); without it the command
 * can read but not audit (`AUDIT_KEY_MISSING`). `createKey` is for setting
 * up a new store only.
 */
export async function withDatabase<T>(
  dbOption: string | undefined,
  work: (database: RegisterDatabase) => T | Promise<T>,
  key: { keyFile?: string; createKey?: boolean } = {},
): Promise<T> {
  const auditKey = await supportAuditKey(commandDatabasePath(dbOption), {
    ...(key.keyFile === undefined ? {} : { keyFile: key.keyFile }),
    create: key.createKey === true,
  });
  const database = openCommandDatabase(dbOption, auditKey);
  try {
    return await work(database);
  } finally {
    database.close();
  }
}
