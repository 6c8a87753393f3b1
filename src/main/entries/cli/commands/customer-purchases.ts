import { eq } from 'drizzle-orm';
import { isAppError } from '../../../../shared/errors';
import { purchaseHistory } from '../../../features/customer-profile/purchase-history';
import { customers } from '../../../platform/db/schema';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/** A customer's purchases, newest first, a page at a time: the customer card's history, for support (a customer asking what they bought). */
export const customerPurchasesCommand: CliCommand = {
  name: 'customer-purchases',
  usage: 'customer-purchases --customer <id> [--limit <1-50>] [--cursor <next cursor>] [--db <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'customer', 'limit', 'cursor']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { customer, cursor } = parsed.values;
    const limit = Number(parsed.values.limit ?? '10');
    if (customer === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Give --customer with the customer id (customer-find prints it).');
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) return printError(io, 'INVALID_ARGUMENTS', '--limit is a whole number from 1 to 50.');
    return withDatabase(parsed.values.db, (database) => {
      const row = database.db.select({ mergedInto: customers.mergedInto }).from(customers).where(eq(customers.id, customer)).get();
      if (row === undefined) return printError(io, 'CUSTOMER_NOT_FOUND', 'No customer has that id.');
      if (row.mergedInto !== null) return printError(io, 'CUSTOMER_MERGED', `That record was merged into ${row.mergedInto}: ask for that one.`);
      try {
        printJson(io, purchaseHistory(database.db, customer, cursor, limit));
        return 0;
      } catch (error) {
        if (isAppError(error)) return printError(io, error.code, error.message);
        throw error;
      }
    });
  },
};
