import { readFile } from 'node:fs/promises';
import { parseAamva } from '../../../shared/id/aamva';
import { printError, printJson, type CliCommand } from '../command';

/**
 * For support staff: parse a licence barcode's raw bytes (a file, or `-`
 * for standard input) with the register's own parser.
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
    const id = result.value;
    printJson(io, {
      idNumber: id.idNumber,
      firstName: id.firstName,
      lastName: id.familyName,
      middleName: id.middleName,
      dateOfBirth: id.dateOfBirth,
      expiry: id.expiry,
      issueDate: id.issueDate,
      jurisdiction: id.jurisdiction,
      country: id.country,
      aamvaVersion: id.aamvaVersion,
      sex: id.sex,
      realId: id.realId,
    });
    return 0;
  },
};
