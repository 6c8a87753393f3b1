import { describe, expect, it } from 'vitest';
import { formatCents, formatMilligrams } from '../../src/shared/money';

describe('formatCents', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [325, '$3.25'],
    [-325, '-$3.25'],
    [123456789, '$1,234,567.89'],
  ])('%i → %s', (cents, text) => expect(formatCents(cents)).toBe(text));

  it('refuses fractions of a cent', () => expect(() => formatCents(1.5)).toThrow(RangeError));
});

describe('formatMilligrams', () => {
  it.each([
    [3500, '3.5 g'],
    [28000, '28 g'],
    [1, '0.001 g'],
    [450000, '450 g'],
  ])('%i mg → %s', (mg, text) => expect(formatMilligrams(mg)).toBe(text));
});
