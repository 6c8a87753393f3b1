import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, hasValidGtinCheckDigit } from '../../../src/shared/barcode/gtin';

describe('GS1 check digit', () => {
  it.each([
    ['03600029145', 2], // UPC-A 036000291452, GS1's own example
    ['400638133393', 1], // EAN-13 4006381333931
    ['9638507', 4], // EAN-8 96385074
  ])('body %s → %i', (body, digit) => expect(gtinCheckDigit(body)).toBe(digit));

  it('accepts whole codes with the right digit and refuses others', () => {
    expect(hasValidGtinCheckDigit('036000291452')).toBe(true);
    expect(hasValidGtinCheckDigit('036000291453')).toBe(false);
    expect(hasValidGtinCheckDigit('4006381333931')).toBe(true);
    expect(hasValidGtinCheckDigit('12345')).toBe(false);
    expect(hasValidGtinCheckDigit('03600029145a')).toBe(false);
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.nat(10), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const code = `${body}${gtinCheckDigit(body)}`;
        const i = position % code.length;
        const changed = code.slice(0, i) + String((Number(code[i]) + delta) % 10) + code.slice(i + 1);
        return hasValidGtinCheckDigit(code) && !hasValidGtinCheckDigit(changed);
      }),
    );
  });

  it('refuses a body with non-digits', () => expect(() => gtinCheckDigit('12a')).toThrow(RangeError));
});
