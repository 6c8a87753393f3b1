import { describe, expect, it } from 'vitest';
import { registerQuantity } from '../../../../../src/main/features/sync/metrc/package-quantity';

describe('Metrc quantity → register units', () => {
  it.each([
    [3.5, 'Grams', { unit: 'mg', quantity: 3_500 }],
    [450, 'Grams', { unit: 'mg', quantity: 450_000 }],
    // The float sum 0.1 + 0.2 is read through its decimal text, then rounded once.
    [0.1 + 0.2, 'Grams', { unit: 'mg', quantity: 300 }],
    [28.3495, 'Grams', { unit: 'mg', quantity: 28_350 }],
    // Half a milligram rounds away from zero, on either side.
    [1.0005, 'Grams', { unit: 'mg', quantity: 1_001 }],
    [-1.0005, 'Grams', { unit: 'mg', quantity: -1_001 }],
    [1.0004, 'Grams', { unit: 'mg', quantity: 1_000 }],
    [0.0000001, 'Grams', { unit: 'mg', quantity: 0 }],
    [250, 'Milligrams', { unit: 'mg', quantity: 250 }],
    [0.0015, 'Kilograms', { unit: 'mg', quantity: 1_500 }],
    // 1 oz = 28,349.523125 mg exactly; 0.125 oz = 3,543.690390625 mg.
    [1, 'Ounces', { unit: 'mg', quantity: 28_350 }],
    [0.125, 'Ounces', { unit: 'mg', quantity: 3_544 }],
    [1, 'Pounds', { unit: 'mg', quantity: 453_592 }],
    [0.25, 'Pounds', { unit: 'mg', quantity: 113_398 }],
    [12, 'Each', { unit: 'each', quantity: 12 }],
    [3.0, 'Each', { unit: 'each', quantity: 3 }],
    [0, 'Each', { unit: 'each', quantity: 0 }],
    [2, ' grams ', { unit: 'mg', quantity: 2_000 }],
  ] as const)('%s %s → %j', (quantity, unit, expected) => {
    expect(registerQuantity(quantity, unit)).toEqual({ ok: true, value: expected });
  });

  it('refuses a fractional count, an unknown unit and a weight too large for whole milligrams', () => {
    expect(registerQuantity(2.5, 'Each')).toEqual({ ok: false, problem: 'Metrc holds 2.5 Each: a count of units cannot be fractional.' });
    expect(registerQuantity(1, 'Liters')).toEqual({ ok: false, problem: expect.stringContaining('"Liters" is neither a count nor a weight') });
    expect(registerQuantity(1e21, 'Grams')).toEqual({ ok: false, problem: expect.stringContaining('too large') });
    expect(registerQuantity(Number.NaN, 'Grams')).toEqual({ ok: false, problem: expect.stringContaining('not a number') });
  });
});
