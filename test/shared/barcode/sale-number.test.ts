import { describe, expect, it } from 'vitest';
import { looksLikeSaleNumber } from '../../../src/shared/barcode/sale-number';

describe('a sale number scanned from a receipt', () => {
  it.each(['C1-000001', 'c1-000042', ' T12-1234567 \n'])('%j is one', (text) => expect(looksLikeSaleNumber(text)).toBe(true));
  it.each(['GT-0051', '850000010000', '1A4060300003C25000000001', 'C1000001', 'C1-00001', ''])('%j is not', (text) =>
    expect(looksLikeSaleNumber(text)).toBe(false),
  );
});
