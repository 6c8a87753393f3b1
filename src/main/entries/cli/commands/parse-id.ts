import { readFile } from 'node:fs/promises';
import { parseAamva } from '../../../../shared/id/aamva';
import { printError, printJson, type CliCommand } from '../command';

/**
 * For support staff: parse a licence barcode's raw bytes (a file, or `-`
 * for standard input) with the register's own parser. Prints every field
 * (`null` where the barcode has none) and `warnings`; exits 1 only for input
 * that is not a licence barcode (a card with fields missing still exits 0:
 * whether to accept it is check-in's decision).
 */
export const parseIdCommand: CliCommand = {
  name: 'parse-id',
  usage: 'parse-id <file | ->',
  run: async (args, io) => {
    const [file] = args;
    if (file === undefined) return printError(io, 'INVALID_ARGUMENTS', 'Give the file holding the raw barcode, or - for standard input.');
    let bytes: Buffer;
    try {
      bytes = file === '-' ? await io.readStdin() : await readFile(file);
    } catch (error) {
      return printError(io, 'FILE_UNREADABLE', `Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = parseAamva(new Uint8Array(bytes));
    if (!result.ok) return printError(io, result.error.code, result.error.message);
    // Every field (null when the barcode lacks it) and the warnings naming what is missing;
    // `lastName` repeats `familyName` for scripts written against the earlier output.
    printJson(io, { ...result.value, lastName: result.value.familyName });
    return 0;
  },
};
