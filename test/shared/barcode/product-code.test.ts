import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProductCode } from '../../../src/shared/barcode/product-code';
import { AppError } from '../../../src/shared/errors';

const GS = '\u001d';

describe('parseProductCode', () => {
  it.each([
    ['036000291452', { kind: 'gtin', gtin: '036000291452' }],
    ['0036000291452', { kind: 'gtin', gtin: '036000291452' }], // EAN-13 form of a UPC-A
    ['4006381333931', { kind: 'gtin', gtin: '4006381333931' }],
    ['036000291452\r\n', { kind: 'gtin', gtin: '036000291452' }], // scanner suffix
    ['1A4060300003C25000000001', { kind: 'package_tag', tag: '1A4060300003C25000000001' }],
    ['1a4060300003c25000000001', { kind: 'package_tag', tag: '1A4060300003C25000000001' }], // wedge with caps lock
    ['GT-0001', { kind: 'sku', sku: 'GT-0001' }],
    ['12345', { kind: 'sku', sku: '12345' }],
    [`0100036000291452${GS}10LOT42${GS}21SN9`, { kind: 'gtin', gtin: '036000291452', batch: 'LOT42', serial: 'SN9' }],
    ['(01)00036000291452(17)271231(10)B7', { kind: 'gtin', gtin: '036000291452', batch: 'B7' }],
    ['010003600029145210LOT42', { kind: 'gtin', gtin: '036000291452', batch: 'LOT42' }], // FNC1 dropped by a wedge
  ])('%j → %j', (raw, expected) => expect(parseProductCode(raw)).toEqual(expected));

  it.each([
    ['036000291453', 'UPC_CHECK_DIGIT', 'UPC check digit is wrong — rescan.'],
    ['', 'SCAN_EMPTY', 'Nothing was scanned — scan again.'],
    ['  \r\n', 'SCAN_EMPTY', 'Nothing was scanned — scan again.'],
    ['@\n\u001e\rANSI 636014', 'SCAN_GARBLED', undefined],
    ['(01)0003600029', 'SCAN_GARBLED', undefined],
    ['01000360002914', 'UPC_CHECK_DIGIT', undefined], // 14 digits read as a GTIN-14 with a wrong check digit
  ])('%j → %s', (raw, code, message) => {
    try {
      parseProductCode(raw);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      if (message !== undefined) expect((error as AppError).message).toBe(message);
    }
  });

  it('answers any input with a code or a typed error, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        try {
          const code = parseProductCode(raw);
          return ['gtin', 'package_tag', 'sku'].includes(code.kind);
        } catch (error) {
          return error instanceof AppError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
