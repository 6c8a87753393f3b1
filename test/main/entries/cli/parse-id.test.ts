import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../src/main/entries/cli/index';
import { ID_ERROR_CODES } from '../../../../src/shared/id/aamva';
import { captureIo, repoRoot, spawnCli } from '../../../support/cli';
import { tempDir } from '../../../support/temp-db';

const dir = tempDir();
afterAll(() => dir.cleanup());
const barcode = '@\n\u001e\rANSI 636014100001DL00410279DLDCSRIVERA\nDACJORDAN\nDADALEX\nDBB04121990\nDBA04122029\nDAQD1234567\nDCGUSA\r';

describe('parse-id', () => {
  it('prints the parsed fields from a file, end to end', () => {
    const file = join(dir.path, 'scan.bin');
    writeFileSync(file, barcode, 'latin1');
    const result = spawnCli(['parse-id', file]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      idNumber: 'D1234567',
      firstName: 'JORDAN',
      lastName: 'RIVERA',
      middleName: 'ALEX',
      dateOfBirth: '1990-04-12',
      expiry: '2029-04-12',
      jurisdiction: 'CA',
      country: 'USA',
      aamvaVersion: 10,
    });
  });

  it('reads standard input with -', async () => {
    const io = captureIo(barcode);
    expect(await runCli(['parse-id', '-'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ idNumber: 'D1234567' });
  });

  it('prints every field and the warnings for a card with fields missing (no expiry, issuer outside the table), exit 0', async () => {
    const card = '@\n\u001e\rANSI 990876080102DL00410279DLDAARIVERA,JORDAN,,\nDBB04121990\nDAQD1234567\nDAJAB\nDBC2\nDAU170 cm\r';
    const io = captureIo(card);
    expect(await runCli(['parse-id', '-'], io)).toBe(0);
    const printed = JSON.parse(io.out()) as Record<string, unknown>;
    expect(printed).toMatchObject({
      idNumber: 'D1234567',
      familyName: 'RIVERA',
      lastName: 'RIVERA',
      firstName: 'JORDAN',
      middleName: null,
      dateOfBirth: '1990-04-12',
      expiry: null,
      jurisdiction: 'AB',
      issuerKnown: false,
      iin: '990876',
      aamvaVersion: 8,
      sex: 'female',
      height: { value: 170, unit: 'cm' },
      warnings: [
        { code: 'ID_ISSUER_UNKNOWN', field: 'jurisdiction' },
        { code: 'ID_FIELD_MISSING', field: 'expiry' },
      ],
    });
    for (const key of [
      'nameSuffix',
      'issueDate',
      'addressJurisdiction',
      'country',
      'postalCode',
      'eyeColor',
      'documentDiscriminator',
      'complianceType',
      'realId',
      'jurisdictionVersion',
      'nameTruncation',
    ])
      expect(printed).toHaveProperty(key);
  });

  it.each([
    ['no subfile', '@\n\u001e\rANSI 636014100001DL00410279\r', 'ID_NO_SUBFILE'],
    ['binary garbage', '\u0000\u00ff\u0001garbage', 'ID_NOT_AAMVA'],
  ])('unreadable input (%s) is a typed error', async (_label, input, code) => {
    const io = captureIo(input);
    expect(await runCli(['parse-id', '-'], io)).toBe(1);
    expect(JSON.parse(io.out())).toMatchObject({ error: { code } });
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

/**
 * Issue #15: `parse-id` on every licence sample anywhere under test/ — each
 * single-quoted string literal that carries an AAMVA header or subfile —
 * never crashes: a JSON value with the fields, or (for unreadable input
 * only) a typed error. The sweep is over the tree, so a new sample is
 * covered the day it is written.
 */
describe('parse-id on every sample in test/', () => {
  const samples = collectSamples(join(repoRoot, 'test'));

  it('finds the samples (the sweep itself works)', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  it('parses each one or refuses it with a typed error, nothing else', async () => {
    const outcomes = { parsed: 0, refused: 0 };
    for (const { sample, where } of samples) {
      const io = captureIo(sample);
      const code = await runCli(['parse-id', '-'], io);
      const printed = JSON.parse(io.out()) as { error?: { code: string }; warnings?: unknown[] };
      if (code === 0) {
        expect(printed.warnings, where).toBeInstanceOf(Array);
        outcomes.parsed += 1;
      } else {
        expect(code, where).toBe(1);
        expect(ID_ERROR_CODES as readonly string[], where).toContain(printed.error?.code);
        outcomes.refused += 1;
      }
    }
    expect(outcomes.parsed).toBeGreaterThan(outcomes.refused);
  });
});

function collectSamples(root: string): Array<{ sample: string; where: string }> {
  const out: Array<{ sample: string; where: string }> = [];
  const literal = /'((?:[^'\\\n]|\\.)*)'/g;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    for (const match of readFileSync(path, 'utf8').matchAll(literal)) {
      const body = match[1] ?? '';
      // A barcode, not a test's name: an AAMVA header with its issuer number, or several elements.
      if (!/(ANSI ?|AAMVA)\d{6}/.test(body) && (body.match(/\\nD[A-Z]{2}/g) ?? []).length < 2) continue;
      let sample: string;
      try {
        // The literal's own escapes (\n, \r, \u001e…) as JSON reads them.
        sample = JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
      } catch {
        continue; // a literal built with template parts or unusual escapes
      }
      out.push({ sample, where: `${path.slice(root.length + 1)} @${match.index}` });
    }
  }
  return out;
}
