import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/index';
import { captureIo, spawnCli } from '../../support/cli';
import { tempDir } from '../../support/temp-db';

const dir = tempDir();
afterAll(() => dir.cleanup());
const barcode = '@\n\u001e\rANSI 636014100001DL00410279DLDCSRIVERA\nDACJORDAN\nDADALEX\nDBB04121990\nDBA04122029\nDAQD1234567\nDCGUSA\r';

describe('parse-id', () => {
  it('prints the parsed fields from a file, end to end', () => {
    const file = join(dir.path, 'scan.bin');
    writeFileSync(file, barcode, 'latin1');
    const result = spawnCli(['parse-id', file]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ idNumber: 'D1234567', firstName: 'JORDAN', lastName: 'RIVERA', middleName: 'ALEX', dateOfBirth: '1990-04-12', expiry: '2029-04-12', jurisdiction: 'CA', country: 'USA', aamvaVersion: 10 });
  });

  it('reads standard input with -', async () => {
    const io = captureIo(barcode);
    expect(await runCli(['parse-id', '-'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ idNumber: 'D1234567' });
  });

  it('prints a typed error and exits 1 for what is not a licence, or a missing file', async () => {
    const io = captureIo('036000291452');
    expect(await runCli(['parse-id', '-'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code: 'ID_NOT_AAMVA' } });
    const missing = spawnCli(['parse-id', join(dir.path, 'nope.bin')]);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'FILE_UNREADABLE' } });
  });
});
