import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { parseOptions } from './args';
import { printError, printJson, type CliCommand, type CliIo } from './command';

/** A server whose admin commands act on its PostgreSQL (the store server, the order relay). */
export interface ServerDatabaseAccess<Db> {
  /** As its messages name it: "store", "relay". */
  readonly server: string;
  /** The environment variable naming its data folder (TLS identity, pre-migration backups), and the folder otherwise. */
  readonly dataEnv: string;
  readonly dataDefault: string;
  readonly withDatabase: <T>(url: string, dataDir: string, work: (db: Db) => Promise<T>) => Promise<T>;
}

/**
 * Makes a server's admin command: it acts on the database named by
 * `--database-url` or DATABASE_URL, through the modules the server itself
 * runs, and prints JSON (an error as its code and message).
 */
export function serverDatabaseCommand<Db>(access: ServerDatabaseAccess<Db>) {
  return <K extends string>(
    name: string,
    usage: string,
    options: readonly K[],
    /** `dataDir`: the server's data folder (its TLS identity, sealing key and backups). */
    work: (db: Db, values: Partial<Record<K, string>>, dataDir: string) => Promise<unknown>,
  ): CliCommand => ({
    name,
    usage: `${name} ${usage}${usage === '' ? '' : ' '}[--database-url <url>]`,
    run: async (args: readonly string[], io: CliIo) => {
      const parsed = parseOptions(args, [...options, 'database-url' as K]);
      if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
      const url = (parsed.values as Record<string, string | undefined>)['database-url'] ?? process.env.DATABASE_URL;
      if (url === undefined || url === '')
        return printError(io, 'DATABASE_URL_MISSING', `Name the ${access.server} database with --database-url or DATABASE_URL.`);
      try {
        const dataDir = resolve(process.env[access.dataEnv] ?? access.dataDefault);
        const result = await access.withDatabase(url, dataDir, (db) => work(db, parsed.values, dataDir));
        printJson(io, result);
        return 0;
      } catch (error) {
        if (error instanceof AppError) return printError(io, error.code, error.message);
        if (error instanceof Error && error.name === 'ZodError') return printError(io, 'INVALID_ARGUMENTS', error.message);
        throw error;
      }
    },
  });
}

/** An option the command cannot do without. */
export function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new AppError('INVALID_ARGUMENTS', `Give --${option}.`);
  return value;
}
