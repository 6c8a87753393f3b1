import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID_ERROR_CODES, looksLikeAamva, parseAamva } from '../../../src/shared/id/aamva';

/**
 * Barcode samples built from the AAMVA layout: "@" LF RS CR, "ANSI ", IIN,
 * version, jurisdiction version (v2+), entry count, a directory entry whose
 * offset is deliberately wrong (real cards' often are), then the DL subfile.
 */
function card(options: { iin: string; version: number; elements: Record<string, string>; subfile?: 'DL' | 'ID' }): string {
  const subfile = options.subfile ?? 'DL';
  const body = Object.entries(options.elements)
    .map(([id, value]) => `${id}${value}`)
    .join('\n');
  const header = `@\n\u001e\rANSI ${options.iin}${String(options.version).padStart(2, '0')}${options.version >= 2 ? '00' : ''}01${subfile}00419999`;
  return `${header}${subfile}${body}\r`;
}

const usV10 = (extra: Record<string, string> = {}) =>
  card({
    iin: '636014',
    version: 10,
    elements: {
      DCA: 'C',
      DCS: 'RIVERA',
      DAC: 'JORDAN',
      DAD: 'ALEX',
      DBD: '04122021',
      DBB: '04121990',
      DBA: '04122029',
      DBC: '1',
      DAJ: 'CA',
      DAK: '946120000  ',
      DAQ: 'D1234567',
      DCF: '83D9BN217QO',
      DCG: 'USA',
      DDA: 'F',
      DDE: 'N',
      DDF: 'N',
      DDG: 'N',
      ...extra,
    },
  });

const expected = {
  idNumber: 'D1234567',
  familyName: 'RIVERA',
  firstName: 'JORDAN',
  middleName: 'ALEX',
  dateOfBirth: '1990-04-12',
  expiry: '2029-04-12',
  jurisdiction: 'CA',
  country: 'USA',
};

describe('AAMVA parsing across versions and jurisdictions', () => {
  it.each([4, 5, 6, 7, 8, 9, 10])('US version %i (DCS/DAC/DAD, MMDDCCYY)', (version) => {
    const result = parseAamva(
      card({ iin: '636020', version, elements: { DCS: 'RIVERA', DAC: 'JORDAN', DAD: 'ALEX', DBB: '04121990', DBA: '04122029', DAQ: 'D1234567', DBC: '2' } }),
    );
    expect(result).toMatchObject({ ok: true, value: { ...expected, jurisdiction: 'CO', aamvaVersion: version, sex: 'female' } });
  });

  it.each([2, 3])('US version %i: given names in DCT', (version) => {
    const result = parseAamva(
      card({ iin: '636032', version, elements: { DCS: 'RIVERA', DCT: 'JORDAN ALEX', DBB: '04121990', DBA: '04122029', DAQ: 'D1234567' } }),
    );
    expect(result).toMatchObject({ ok: true, value: { ...expected, jurisdiction: 'MI' } });
  });

  it.each([
    ['comma', 'RIVERA,JORDAN,ALEX'],
    ['dollar', 'RIVERA$JORDAN$ALEX'],
  ])('version 1: the whole name in DAA (%s separators), CCYYMMDD dates', (_label, daa) => {
    const result = parseAamva(card({ iin: '636001', version: 1, elements: { DAA: daa, DBB: '19900412', DBA: '20290412', DAQ: 'D1234567' } }));
    expect(result).toMatchObject({ ok: true, value: { ...expected, jurisdiction: 'NY', aamvaVersion: 1 } });
  });

  it.each([
    ['Ontario', '636012', 'ON'],
    ['British Columbia', '636028', 'BC'],
    ['Quebec', '604428', 'QC'],
    ['Alberta', '604432', 'AB'],
  ])('Canada (%s): CCYYMMDD dates, country from the IIN', (_label, iin, code) => {
    const result = parseAamva(
      card({
        iin,
        version: 8,
        subfile: 'ID',
        elements: { DCS: 'TREMBLAY', DAC: 'MARIE', DBB: '19880305', DBA: '20300305', DAQ: 'T1234-56789-00305', DCG: 'CAN' },
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { familyName: 'TREMBLAY', dateOfBirth: '1988-03-05', expiry: '2030-03-05', jurisdiction: code, country: 'CAN' },
    });
  });

  it('reads every field of a full version 10 card, issuer from the IIN (not the address)', () => {
    const result = parseAamva(usV10({ DAJ: 'NV' }));
    expect(result).toEqual({
      ok: true,
      value: {
        ...expected,
        middleName: 'ALEX',
        nameSuffix: null,
        nameTruncation: { family: false, first: false, middle: false },
        issueDate: '2021-04-12',
        issuerKnown: true,
        addressJurisdiction: 'NV',
        postalCode: '94612',
        sex: 'male',
        height: null,
        eyeColor: null,
        documentDiscriminator: '83D9BN217QO',
        complianceType: 'F',
        realId: true,
        aamvaVersion: 10,
        jurisdictionVersion: 0,
        iin: '636014',
        warnings: [],
      },
    });
  });

  it('a US card writing CCYYMMDD dates is still read right', () => {
    expect(parseAamva(usV10({ DBB: '19900412' }))).toMatchObject({ ok: true, value: { dateOfBirth: '1990-04-12' } });
  });

  it('reports truncated names', () => {
    expect(parseAamva(usV10({ DDE: 'T', DDF: 'N', DDG: 'T' }))).toMatchObject({
      ok: true,
      value: { nameTruncation: { family: true, first: false, middle: true } },
    });
  });
});

describe('parse fully, decide separately: missing or bad fields are null and listed', () => {
  const fieldsOf = (result: ReturnType<typeof parseAamva>) => (result.ok ? result.value.warnings.map((w) => `${w.code}:${w.field ?? ''}`) : ['error']);

  it('a card without an expiry is read, with expiry null and a warning', () => {
    const result = parseAamva(usV10().replace(/DBA04122029\n/, ''));
    expect(result).toMatchObject({ ok: true, value: { ...expected, expiry: null } });
    expect(fieldsOf(result)).toEqual(['ID_FIELD_MISSING:expiry']);
  });

  it('a card without an ID number or first name is read; both are listed', () => {
    const result = parseAamva(
      usV10()
        .replace(/DAQD1234567\n/, '')
        .replace(/DACJORDAN\n/, ''),
    );
    expect(result).toMatchObject({ ok: true, value: { idNumber: null, firstName: null, familyName: 'RIVERA', middleName: 'ALEX', dateOfBirth: '1990-04-12' } });
    expect(fieldsOf(result)).toEqual(['ID_FIELD_MISSING:firstName', 'ID_FIELD_MISSING:idNumber']);
  });

  it('"NONE" counts as missing', () => {
    expect(parseAamva(usV10({ DAQ: 'NONE' }))).toMatchObject({
      ok: true,
      value: { idNumber: null, warnings: [{ code: 'ID_FIELD_MISSING', field: 'idNumber' }] },
    });
  });

  it('an impossible date is null with a warning naming it', () => {
    expect(parseAamva(usV10({ DBB: '13452001', DBA: '09312035' }))).toMatchObject({
      ok: true,
      value: {
        dateOfBirth: null,
        expiry: null,
        warnings: [
          { code: 'ID_DATE_INVALID', field: 'dateOfBirth', message: 'The birth date 13452001 on the card is not a valid date — type it from the card face.' },
          { code: 'ID_DATE_INVALID', field: 'expiry' },
        ],
      },
    });
  });

  it.each([
    ['a test-card issuer number', '990876', 'AB', 'AB'],
    ['an issuer number not yet in the table', '636099', 'ZZ', 'ZZ'],
    ['no address jurisdiction either', '636099', null, null],
  ])('%s: parsed, issuer marked unknown, jurisdiction from DAJ', (_label, iin, daj, jurisdiction) => {
    const elements: Record<string, string> = { DCS: 'RIVERA', DAC: 'JORDAN', DBB: '04121990', DBA: '04122029', DAQ: 'D1234567' };
    if (daj !== null) elements.DAJ = daj;
    const result = parseAamva(card({ iin, version: 9, elements }));
    expect(result).toMatchObject({ ok: true, value: { idNumber: 'D1234567', familyName: 'RIVERA', iin, issuerKnown: false, jurisdiction, country: null } });
    expect(fieldsOf(result)).toEqual(['ID_ISSUER_UNKNOWN:jurisdiction']);
  });
});

describe('names on older cards', () => {
  const v1 = (elements: Record<string, string>, iin = '636001') =>
    parseAamva(card({ iin, version: 1, elements: { DBB: '19900412', DBA: '20290412', DAQ: 'D1234567', ...elements } }));

  it.each([
    ['LAST,FIRST,MIDDLE', 'RIVERA,JORDAN,ALEX', 'RIVERA', 'JORDAN', 'ALEX', null],
    ['trailing separators', 'RIVERA,JORDAN,,', 'RIVERA', 'JORDAN', null, null],
    ['a suffix after an empty middle', 'RIVERA,JORDAN,,JR', 'RIVERA', 'JORDAN', null, 'JR'],
    ['middle and suffix', 'RIVERA,JORDAN,ALEX,3RD', 'RIVERA', 'JORDAN', 'ALEX', '3RD'],
    ['"LAST, FIRST MIDDLE"', 'RIVERA, JORDAN ALEX', 'RIVERA', 'JORDAN', 'ALEX', null],
    ['a two-word family name', 'DE LA CRUZ, JORDAN', 'DE LA CRUZ', 'JORDAN', null, null],
    ['dollar separators, trailing', 'RIVERA$JORDAN$ALEX$', 'RIVERA', 'JORDAN', 'ALEX', null],
  ])('DAA %s', (_label, daa, familyName, firstName, middleName, nameSuffix) => {
    expect(v1({ DAA: daa })).toMatchObject({ ok: true, value: { familyName, firstName, middleName, nameSuffix, warnings: [] } });
  });

  it('DAA with spaces only: FIRST … LAST for Pennsylvania, flagged as guessed', () => {
    expect(v1({ DAA: 'JORDAN ALEX RIVERA JR' }, '636025')).toMatchObject({
      ok: true,
      value: {
        familyName: 'RIVERA',
        firstName: 'JORDAN',
        middleName: 'ALEX',
        nameSuffix: 'JR',
        jurisdiction: 'PA',
        warnings: [{ code: 'ID_NAME_ORDER_GUESSED', field: 'familyName' }],
      },
    });
  });

  it('DAA with spaces only elsewhere: LAST FIRST MIDDLE, flagged as guessed', () => {
    expect(v1({ DAA: 'RIVERA JORDAN ALEX' })).toMatchObject({
      ok: true,
      value: { familyName: 'RIVERA', firstName: 'JORDAN', middleName: 'ALEX', warnings: [{ code: 'ID_NAME_ORDER_GUESSED' }] },
    });
  });

  it('DAA with only a family name: first name missing, not an error', () => {
    expect(v1({ DAA: 'RIVERA,,' })).toMatchObject({
      ok: true,
      value: { familyName: 'RIVERA', firstName: null, warnings: [{ code: 'ID_FIELD_MISSING', field: 'firstName' }] },
    });
  });

  it('version 1 DAB/DAC/DAD, and DBJ when DAQ is absent', () => {
    const result = parseAamva(
      card({
        iin: '636026',
        version: 1,
        elements: { DBJ: 'D7654321', DAB: 'RIVERA', DAC: 'JORDAN', DAD: 'ALEX', DBB: '19900412', DBA: '20290412', DAV: '175', DBC: 'F' },
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        idNumber: 'D7654321',
        familyName: 'RIVERA',
        firstName: 'JORDAN',
        middleName: 'ALEX',
        height: { value: 175, unit: 'cm' },
        sex: 'female',
        jurisdictionVersion: null,
        warnings: [],
      },
    });
  });

  it.each([
    ['space', 'JORDAN ALEX', 'ALEX'],
    ['comma', 'JORDAN,ALEX', 'ALEX'],
    ['dollar', 'JORDAN$ALEX', 'ALEX'],
    ['trailing commas', 'JORDAN,,', null],
    ['two middle names', 'JORDAN ALEX SAM', 'ALEX SAM'],
  ])('DCT given names separated by a %s', (_label, dct, middleName) => {
    expect(
      parseAamva(card({ iin: '636000', version: 3, elements: { DCS: 'RIVERA', DCT: dct, DBB: '04121990', DBA: '04122029', DAQ: 'D1234567' } })),
    ).toMatchObject({
      ok: true,
      value: { familyName: 'RIVERA', firstName: 'JORDAN', middleName, jurisdiction: 'VA', aamvaVersion: 3, jurisdictionVersion: 0 },
    });
  });

  it('DCU suffix on modern cards', () => {
    expect(parseAamva(usV10({ DCU: 'SR' }))).toMatchObject({ ok: true, value: { nameSuffix: 'SR' } });
  });
});

describe('optional fields', () => {
  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['9', 'unspecified'],
    ['M', 'male'],
    ['F', 'female'],
    ['X', 'unspecified'],
    ['Q', null],
  ])('sex code %s', (code, sex) => {
    expect(parseAamva(usV10({ DBC: code }))).toMatchObject({ ok: true, value: { sex } });
  });

  it.each([
    ['069 in', { value: 69, unit: 'in' }],
    ['175 cm', { value: 175, unit: 'cm' }],
    ['509', { value: 69, unit: 'in' }],
    ['5-10', { value: 70, unit: 'in' }],
    ['tall', null],
  ])('height %s', (dau, height) => {
    expect(parseAamva(usV10({ DAU: dau, DAY: 'brn' }))).toMatchObject({ ok: true, value: { height, eyeColor: 'BRN' } });
  });

  it('AAMVA versions past 10 are read like 10', () => {
    expect(
      parseAamva(card({ iin: '636015', version: 11, elements: { DCS: 'RIVERA', DAC: 'JORDAN', DBB: '04121990', DBA: '04122029', DAQ: 'D1234567' } })),
    ).toMatchObject({ ok: true, value: { aamvaVersion: 11, jurisdiction: 'TX', warnings: [] } });
  });
});

/** Exchanges two characters everywhere (a scanner configured with CR and LF the wrong way round). */
function swap(text: string, a: string, b: string): string {
  return Array.from(text, (c) => (c === a ? b : c === b ? a : c)).join('');
}

describe('real-world mangling', () => {
  const clean = usV10();
  it.each([
    ['CR and LF swapped', swap(clean, '\n', '\r')],
    ['CR turned into CR+LF', clean.replace(/\r/g, '\r\n')],
    [
      'every control character dropped by a wedge',
      Array.from(clean)
        .filter((c) => c >= ' ')
        .join(''),
    ],
    ['separators typed as the word "Enter"', clean.replace(/\n/g, 'Enter')],
    ['a UTF-8 byte-order mark', `\uFEFF${clean}`],
    ['a missing "@"', clean.slice(1)],
    ['trailing junk', `${clean}\u0000\u0000garbage-after-the-card`],
    ['lower-case header', clean.replace('ANSI ', 'ansi ')],
    ['a "|" declared as the separator', clean.replace(/^@\n/, '@|').replace(/\n/g, '|')],
    ['the "AAMVA" file type of old cards', clean.replace('ANSI ', 'AAMVA')],
    ['bytes instead of a string', new TextEncoder().encode(clean)],
    ['"ANSI" with no space', clean.replace('ANSI ', 'ANSI')],
    ['the RS and LF after "@" dropped', clean.replace('@\n\u001e\r', '@\r')],
    ['doubled control characters', clean.replace('@\n\u001e\r', '@\n\n\u001e\u001e\r\r').replace(/\n/g, '\n\n')],
    ['CR+LF line endings', clean.replace(/\n/g, '\r\n')],
    ['control characters typed as <LF> tokens', clean.replace(/\n/g, '<LF>').replace('\u001e', '<RS>').replace(/\r/g, '<CR>')],
    ['escapes written out as text', clean.replace(/\n/g, '\\n').replace('\u001e', '\\x1e').replace(/\r/g, '\\r')],
    [
      'separators dropped but the final CR kept',
      `${Array.from(clean)
        .filter((c) => c >= ' ')
        .join('')}\r`,
    ],
    ['no "DL" before the first element', clean.replace('DLDCA', 'DCA')],
    ['subfile offset and length pointing at nothing', clean.replace('DL00419999', 'DL99990001')],
    ['leading spaces on each element', clean.replace(/\n/g, '\n  ')],
  ])('%s', (_label, sample) => {
    expect(parseAamva(sample)).toMatchObject({ ok: true, value: expected });
  });
});

describe('a lost header', () => {
  it('elements without any header are still read, flagged', () => {
    const body = usV10().slice(usV10().indexOf('DLDCA') + 2);
    expect(parseAamva(body)).toMatchObject({ ok: true, value: { ...expected, jurisdiction: 'CA', iin: null, aamvaVersion: null, issuerKnown: false } });
    const result = parseAamva(body);
    expect(result.ok && result.value.warnings.map((w) => w.code)).toEqual(['ID_HEADER_MISSING', 'ID_ISSUER_UNKNOWN']);
  });
});

describe('errors are only for unreadable input', () => {
  it.each([
    ['a product barcode', '036000291452', 'ID_NOT_AAMVA'],
    ['random text', 'hello there, this is not a card', 'ID_NOT_AAMVA'],
    ['a header with no subfile', '@\n\u001e\rANSI 636014100001DL00410279\r', 'ID_NO_SUBFILE'],
    ['far too long', `@\n\u001e\rANSI 636014${'x'.repeat(10_000)}`, 'ID_TOO_LONG'],
  ])('%s', (_label, sample, code) => {
    const result = parseAamva(sample);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });
});

describe('robustness', () => {
  const codes: ReadonlySet<string> = new Set(ID_ERROR_CODES);
  it('property: arbitrary text or bytes give a result or a typed error, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2_000 }), fc.uint8Array({ maxLength: 2_000 })), (input) => {
        const result = parseAamva(input);
        return result.ok || codes.has(result.error.code);
      }),
      { numRuns: 2_000 },
    );
  });

  it('property: random mutations of a valid card never throw', () => {
    const clean = usV10();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(clean.length), fc.string({ maxLength: 3 })), { maxLength: 10 }), (edits) => {
        let sample = clean;
        for (const [at, insert] of edits) sample = sample.slice(0, at) + insert + sample.slice(at + 1);
        const result = parseAamva(sample);
        return result.ok || codes.has(result.error.code);
      }),
      { numRuns: 2_000 },
    );
  });

  it('tells licence scans from product scans', () => {
    expect(looksLikeAamva(usV10())).toBe(true);
    expect(looksLikeAamva('036000291452')).toBe(false);
    expect(looksLikeAamva('1A4060300003C25000000001')).toBe(false);
  });
});
