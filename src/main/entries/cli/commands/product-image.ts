import { readFileSync } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import { setProductImage } from '../../../features/catalog/images';
import { writeTransaction } from '../../../platform/db/transaction';
import { parseOptions, withDatabase } from '../args';
import { printError, printJson, type CliCommand } from '../command';

/**
 * Gives a product its picture (`--file`: PNG, JPEG or WebP, a thumbnail),
 * or takes it away (`--remove`). The register keeps it in its database and
 * serves it to the counter itself: no picture is ever loaded from the internet.
 */
export const productImageCommand: CliCommand = {
  name: 'product-image',
  usage: 'product-image --sku <sku> (--file <png|jpg|webp> | --remove) [--db <file>] [--key-file <file>]',
  run: async (args, io) => {
    // --remove is a flag; the other options take a value.
    const remove = args.includes('--remove');
    const parsed = parseOptions(
      args.filter((a) => a !== '--remove'),
      ['db', 'sku', 'file', 'key-file'],
    );
    if ('error' in parsed) return printError(io, 'INVALID_ARGUMENTS', parsed.error);
    const { db, sku, file, 'key-file': keyFile } = parsed.values;
    if (sku === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Name the product with --sku <sku>.');
    if ((file === undefined) === !remove) return printError(io, 'INVALID_ARGUMENTS', 'Give either --file <picture> or --remove.');
    let bytes: Buffer | null = null;
    if (file !== undefined) {
      try {
        bytes = readFileSync(file);
      } catch (error) {
        return printError(io, 'INVALID_ARGUMENTS', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    try {
      return await withDatabase(
        db,
        (database) => {
          printJson(
            io,
            writeTransaction(database.db, (tx) => setProductImage(tx, { sku, bytes, staffId: null, terminalId: null, now: new Date() })),
          );
          return 0;
        },
        keyFile === undefined ? {} : { keyFile },
      );
    } catch (error) {
      if (error instanceof AppError) return printError(io, error.code, error.message);
      throw error;
    }
  },
};
