import { searchNotes, tagReport } from '../../../features/care/notes';
import { stores } from '../../../platform/db/schema';
import { isAppError } from '../../../../shared/errors';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Notes with a tag in a period of store days, or the weekly tag report: the same functions as the register's commands. */
export const customerNotesCommand: CliCommand = {
  name: 'customer-notes',
  usage: 'customer-notes --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--tag <tag>] [--report weekly] [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'from', 'to', 'tag', 'report']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { from, to, tag, report } = parsed.values;
    if (from === undefined || to === undefined || !DAY.test(from) || !DAY.test(to))
      return printError(io, 'INVALID_ARGUMENTS', 'Give --from and --to as YYYY-MM-DD (store days).');
    if (report !== undefined && report !== 'weekly') return printError(io, 'INVALID_ARGUMENTS', '--report takes only "weekly".');
    return withDatabase(parsed.values.db, (database) => {
      const store = database.db.select({ id: stores.id, timeZone: stores.timeZone }).from(stores).limit(1).get();
      if (store === undefined) return printError(io, 'NO_STORE', 'This database has no store set up.');
      try {
        if (report === 'weekly') printJson(io, { weeks: tagReport(database.db, store.id, store.timeZone, from, to) });
        else printJson(io, { items: searchNotes(database.db, store.id, store.timeZone, { tag, from, to, limit: 500 }, new Date()) });
        return 0;
      } catch (error) {
        if (isAppError(error)) return printError(io, error.code, error.message);
        throw error;
      }
    });
  },
};
