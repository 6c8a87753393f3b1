import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProportionally, basisPointsOf, divideRoundHalfUp } from '../../src/shared/rounding';

describe('integer rounding', () => {
  it.each([
    [5, 2, 3],
    [4, 2, 2],
    [7, 3, 2],
    [1, 3, 0],
    [2, 3, 1],
  ])('%i / %i rounds half up to %i', (n, d, q) => expect(divideRoundHalfUp(n, d)).toBe(q));

  it('takes basis points of an amount', () => {
    expect(basisPointsOf(3_500, 1_500)).toBe(525);
    expect(basisPointsOf(3_333, 1_025)).toBe(342); // 341.63 → 342
  });

  it('allocates a total so the shares sum exactly, in proportion, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
        const shares = allocateProportionally(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        if (sum === 0) return shares.every((s) => s === 0);
        return shares.reduce((a, b) => a + b, 0) === total && shares.every((s, i) => s >= 0 && Math.abs(s - (total * (weights[i] ?? 0)) / sum) < 1);
      }),
    );
  });
});
