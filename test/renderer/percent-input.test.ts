import { describe, expect, it } from 'vitest';
import { basisPointsText, centsToDollarsText, dollarsToCents, percentToBasisPoints } from '../../src/renderer/money-input';

/** Percentages and dollars typed on the Settings tab (ceilings, tax rates, thresholds): exact integers, never floats. */
describe('percentages at the register', () => {
  it('reads a typed percentage as basis points, exactly', () => {
    expect(['20', '12.5', '12.05', '0.01', ' 7.25 ', '100'].map(percentToBasisPoints)).toEqual([2_000, 1_250, 1_205, 1, 725, 10_000]);
  });

  it('refuses what is not a percentage (the core checks the bounds)', () => {
    expect(['', 'two', '1.234', '-5', '1e2', '12,5', '1000'].map(percentToBasisPoints)).toEqual([null, null, null, null, null, null, null]);
  });

  it('shows basis points as the percentage typed, and reads it back the same', () => {
    for (const bp of [0, 1, 10, 200, 1_205, 1_250, 2_000, 10_000]) expect(percentToBasisPoints(basisPointsText(bp))).toBe(bp);
    expect([1_250, 200, 1_205, 5].map(basisPointsText)).toEqual(['12.5', '2', '12.05', '0.05']);
  });

  it('shows cents as the dollars a form edits, and reads them back the same', () => {
    expect([2_500, 5, 100, 0, 123_456].map(centsToDollarsText)).toEqual(['25.00', '0.05', '1.00', '0.00', '1234.56']);
    for (const cents of [0, 1, 99, 100, 5_000, 100_000, 1_000_000]) expect(dollarsToCents(centsToDollarsText(cents))).toBe(cents);
  });
});
