import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeAamva, parseAamva } from '../../../src/shared/id/aamva';

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
  card({ iin: '636014', version: 10, elements: { DCA: 'C', DCS: 'RIVERA', DAC: 'JORDAN', DAD: 'ALEX', DBD: '04122021', DBB: '04121990', DBA: '04122029', DBC: '1', DAJ: 'CA', DAK: '946120000  ', DAQ: 'D1234567', DCF: '83D9BN217QO', DCG: 'USA', DDA: 'F', DDE: 'N', DDF: 'N', DDG: 'N', ...extra } });

const expected = { idNumber: 'D1234567', familyName: 'RIVERA', firstName: 'JORDAN', middleName: 'ALEX', dateOfBirth: '1990-04-12', expiry: '2029-04-12', jurisdiction: 'CA', country: 'USA' };

describe('AAMVA parsing across versions and jurisdictions', () => {
  it.each([4, 5, 6, 7, 8, 9, 10])('US version %i (DCS/DAC/DAD, MMDDCCYY)', (version) => {
    const result = parseAamva(card({ iin: '636020', version, elements: { DCS: 'RIVERA', DAC: 'JORDAN', DAD: 'ALEX', DBB: '04121990', DBA: '04122029', DAQ: 'D1234567', DBC: '2' } }));
    expect(result).toMatchObject({ ok: true, value: { ...expected, jurisdiction: 'CO', aamvaVersion: version, sex: 'female' } });
  });

  it.each([2, 3])('US version %i: given names in DCT', (version) => {
    const result = parseAamva(card({ iin: '636032', version, elements: { DCS: 'RIVERA', DCT: 'JORDAN ALEX', DBB: '04121990', DBA: '04122029', DAQ: 'D1234567' } }));
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
    const result = parseAamva(card({ iin, version: 8, subfile: 'ID', elements: { DCS: 'TREMBLAY', DAC: 'MARIE', DBB: '19880305', DBA: '20300305', DAQ: 'T1234-56789-00305', DCG: 'CAN' } }));
    expect(result).toMatchObject({ ok: true, value: { familyName: 'TREMBLAY', dateOfBirth: '1988-03-05', expiry: '2030-03-05', jurisdiction: code, country: 'CAN' } });
  });

  it('reads every field of a full version 10 card, issuer from the IIN (not the address)', () => {
    const result = parseAamva(usV10({ DAJ: 'NV' }));
    expect(result).toEqual({
      ok: true,
      value: {
        ...expected,
        middleName: 'ALEX',
        nameTruncation: { family: false, first: false, middle: false },
        issueDate: '2021-04-12',
        addressJurisdiction: 'NV',
        postalCode: '94612',
        sex: 'male',
        documentDiscriminator: '83D9BN217QO',
        complianceType: 'F',
        realId: true,
        aamvaVersion: 10,
        jurisdictionVersion: 0,
        iin: '636014',
      },
    });
  });

  it('a US card writing CCYYMMDD dates is still read right', () => {
    expect(parseAamva(usV10({ DBB: '19900412' }))).toMatchObject({ ok: true, value: { dateOfBirth: '1990-04-12' } });
  });

  it('reports truncated names', () => {
    expect(parseAamva(usV10({ DDE: 'T', DDF: 'N', DDG: 'T' }))).toMatchObject({ ok: true, value: { nameTruncation: { family: true, first: false, middle: true } } });
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
    ['every control character dropped by a wedge', Array.from(clean).filter((c) => c >= ' ').join('')],
    ['separators typed as the word "Enter"', clean.replace(/\n/g, 'Enter')],
    ['a UTF-8 byte-order mark', `\uFEFF${clean}`],
    ['a missing "@"', clean.slice(1)],
    ['trailing junk', `${clean}\u0000\u0000garbage-after-the-card`],
    ['lower-case header', clean.replace('ANSI ', 'ansi ')],
    ['a "|" declared as the separator', clean.replace(/^@\n/, '@|').replace(/\n/g, '|')],
    ['the "AAMVA" file type of old cards', clean.replace('ANSI ', 'AAMVA')],
    ['bytes instead of a string', new TextEncoder().encode(clean)],
  ])('%s', (_label, sample) => {
    expect(parseAamva(sample)).toMatchObject({ ok: true, value: expected });
  });
});

describe('errors name what is wrong', () => {
  it.each([
    ['a product barcode', '036000291452', 'ID_NOT_AAMVA'],
    ['an unknown issuer', usV10().replace('636014', '999999'), 'ID_UNKNOWN_ISSUER'],
    ['no ID number', usV10().replace(/DAQD1234567\n/, ''), 'ID_FIELD_MISSING'],
    ['an impossible birth date', usV10({ DBB: '13452001' }), 'ID_DATE_INVALID'],
    ['far too long', `@\n\u001e\rANSI 636014${'x'.repeat(10_000)}`, 'ID_TOO_LONG'],
  ])('%s', (_label, sample, code) => {
    const result = parseAamva(sample);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
  });

  it('names the bad date in the message', () => {
    expect(parseAamva(usV10({ DBB: '13452001' }))).toMatchObject({ ok: false, error: { message: 'The birth date 13452001 on the card is not a valid date — check the card.' } });
  });
});

describe('robustness', () => {
  const codes = new Set(['ID_NOT_AAMVA', 'ID_UNKNOWN_ISSUER', 'ID_FIELD_MISSING', 'ID_DATE_INVALID', 'ID_TOO_LONG']);
  it('property: arbitrary text or bytes give a result or a typed error, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2_000 }), fc.uint8Array({ maxLength: 2_000 })), (input) => {
        const result = parseAamva(input);
        return result.ok || codes.has(result.error.code);
      }),
      { numRuns: 1_000 },
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
      { numRuns: 1_000 },
    );
  });

  it('tells licence scans from product scans', () => {
    expect(looksLikeAamva(usV10())).toBe(true);
    expect(looksLikeAamva('036000291452')).toBe(false);
    expect(looksLikeAamva('1A4060300003C25000000001')).toBe(false);
  });
});
