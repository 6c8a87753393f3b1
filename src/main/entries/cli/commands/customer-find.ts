import { isAppError } from '../../../../shared/errors';
import { findCustomersByContact } from '../../../features/customer-profile/contact-details';
import { stores } from '../../../platform/db/schema';
import { derivePiiKeys } from '../../../platform/security/pii-crypto';
import { commandDatabasePath } from '../database-option';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';
import { supportKeySource } from '../key-option';

/**
 * Support finds a customer record by phone or email (a customer asking what
 * the store holds about them, a duplicate to merge) through the same keyed
 * index as the counter. It prints ids and record facts, not names: support
 * opens the card on the register for the rest.
 */
export const customerFindCommand: CliCommand = {
  name: 'customer-find',
  usage: 'customer-find --contact <phone or email> [--db <file>] [--key-file <file>]',
  run: async (args, io) => {
    const parsed = parseOptions(args, ['db', 'contact', 'key-file']);
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { contact } = parsed.values;
    if (contact === undefined || contact.trim() === '') return printError(io, 'INVALID_ARGUMENTS', 'Give --contact with a phone number or an email address.');
    try {
      const masterKey = await supportKeySource(commandDatabasePath(parsed.values.db), parsed.values['key-file']).getMasterKey();
      const keys = derivePiiKeys(masterKey);
      masterKey.fill(0);
      return await withDatabase(parsed.values.db, (database) => {
        const store = database.db.select({ id: stores.id }).from(stores).limit(1).get();
        if (store === undefined) return printError(io, 'NO_STORE', 'This database has no store set up.');
        const items = findCustomersByContact(database.db, keys, store.id, contact).map((row) => ({
          customerId: row.id,
          customerType: row.customerType,
          createdAt: row.createdAt.toISOString(),
          hasPhone: row.phone !== null,
          hasEmail: row.email !== null,
        }));
        printJson(io, { items });
        return 0;
      });
    } catch (error) {
      if (isAppError(error)) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
