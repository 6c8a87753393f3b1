import { describe, expect, it } from 'vitest';
import { LOYALTY_PROGRAM, cumulativeShare, planRedemption, pointsEarned, rewardEligible, tierFor } from '../../../../src/shared/domain/loyalty/program';

const green = tierFor(LOYALTY_PROGRAM, 0);

describe('loyalty program', () => {
  it('earns per line on the net, by category and tier, rounded down', () => {
    expect(pointsEarned(LOYALTY_PROGRAM, 'CA', green, [{ lineId: 'a', category: 'flower', netCents: 3_599 }])).toEqual([{ lineId: 'a', points: 71 }]);
    expect(pointsEarned(LOYALTY_PROGRAM, 'CA', tierFor(LOYALTY_PROGRAM, 5_000), [{ lineId: 'a', category: 'flower', netCents: 1_000 }])).toEqual([
      { lineId: 'a', points: 30 },
    ]);
    expect(pointsEarned(LOYALTY_PROGRAM, 'CA', green, [{ lineId: 'a', category: 'seed', netCents: 1_000 }])).toEqual([]);
  });

  it('tiers by lifetime points', () => {
    expect([0, 999, 1_000, 4_999, 5_000].map((p) => tierFor(LOYALTY_PROGRAM, p).name)).toEqual(['Green', 'Green', 'Silver', 'Silver', 'Gold']);
  });

  it('where a state forbids cannabis rewards, only accessories earn or take points; each exclusion is cited and flagged to verify', () => {
    expect(rewardEligible(LOYALTY_PROGRAM, 'WA', 'flower')).toBe(false);
    expect(rewardEligible(LOYALTY_PROGRAM, 'WA', 'accessory')).toBe(true);
    expect(rewardEligible(LOYALTY_PROGRAM, 'CA', 'flower')).toBe(true);
    for (const e of LOYALTY_PROGRAM.stateExclusions) expect(e).toMatchObject({ verify: true, citation: expect.stringContaining('⚠') });
    const plan = planRedemption(LOYALTY_PROGRAM, 'WA', 500, 1_000, [
      { lineId: 'f', category: 'flower', netCents: 3_500 },
      { lineId: 'p', category: 'accessory', netCents: 300 },
    ]);
    expect(plan).toEqual({ points: 300, perLine: [{ lineId: 'p', points: 300 }] });
    expect(planRedemption(LOYALTY_PROGRAM, 'WA', 500, 1_000, [{ lineId: 'f', category: 'flower', netCents: 3_500 }])).toEqual({ problem: 'nothing_eligible' });
  });

  it('plans a redemption within balance and the eligible net, split exactly by net', () => {
    expect(planRedemption(LOYALTY_PROGRAM, 'CA', 99, 1_000, [])).toEqual({ problem: 'below_minimum' });
    expect(planRedemption(LOYALTY_PROGRAM, 'CA', 500, 400, [])).toEqual({ problem: 'over_balance' });
    const plan = planRedemption(LOYALTY_PROGRAM, 'CA', 101, 1_000, [
      { lineId: 'a', category: 'flower', netCents: 100 },
      { lineId: 'b', category: 'edible', netCents: 200 },
    ]);
    expect(plan).toEqual({
      points: 101,
      perLine: [
        { lineId: 'a', points: 34 },
        { lineId: 'b', points: 67 },
      ],
    });
    expect(planRedemption(LOYALTY_PROGRAM, 'CA', 900, 1_000, [{ lineId: 'a', category: 'flower', netCents: 250 }])).toEqual({
      points: 250,
      perLine: [{ lineId: 'a', points: 250 }],
    });
  });

  it('cumulative shares add up to the whole, in any number of goes', () => {
    expect(cumulativeShare(262, 0, 1, 3) + cumulativeShare(262, 1, 1, 3) + cumulativeShare(262, 2, 1, 3)).toBe(262);
  });
});
