import { describe, expect, it } from 'vitest';
import { evaluateLimits } from '../../../../src/shared/domain/compliance/limit-evaluation';
import type { StateRulePack } from '../../../../src/shared/domain/compliance/limit-rule';

/** Issue #17, item 4: the live limit meter reads the engine's exact amounts, never a rounded or float figure. */
const pack: StateRulePack = {
  state: 'XX',
  version: 'test',
  adultUse: true,
  ages: [],
  limits: [
    {
      id: 'XX-EQUIV',
      bucket: 'flower',
      customerTypes: ['adult'],
      // 1 g of concentrate counts as 3.5 g of flower (CO's kind of ratio).
      counts: { flower: 'net_weight_mg', concentrate: { measure: 'net_weight_mg', num: 7, den: 2 } },
      limit: 28_000,
      unit: 'mg',
      period: 'calendar_day',
      citation: 'test',
      effectiveFrom: '2020-01-01',
    },
  ],
};
const at = new Date('2026-06-15T20:00:00Z');
const base = { customerType: 'adult' as const, resident: true, at, timeZone: 'America/Denver', dateOfBirth: null };

describe('exact amounts for the limit meter', () => {
  it('gives earlier purchases and the cart apart, as fractions in lowest terms', () => {
    const [usage] = evaluateLimits(pack, {
      ...base,
      prior: [{ category: 'flower', netWeightMg: 1_000, thcMg: 0, quantity: 2, time: new Date('2026-06-15T16:00:00Z') }],
      cart: [{ category: 'concentrate', netWeightMg: 333, thcMg: 0, quantity: 1 }],
    });
    expect(usage?.priorExact).toEqual({ num: 2_000n, den: 1n });
    // 333 mg × 7/2 = 1165.5 mg of flower: kept exact, not rounded.
    expect(usage?.cartExact).toEqual({ num: 2_331n, den: 2n });
    expect(usage?.attempted).toBe(3_166);
    expect(usage?.over).toBe(false);
  });

  it('reduces an even amount to a whole number and agrees with the gate at the limit exactly', () => {
    const [atLimit] = evaluateLimits(pack, { ...base, prior: [], cart: [{ category: 'concentrate', netWeightMg: 8_000, thcMg: 0, quantity: 1 }] });
    expect(atLimit?.cartExact).toEqual({ num: 28_000n, den: 1n });
    expect(atLimit?.over).toBe(false);
    const [over] = evaluateLimits(pack, { ...base, prior: [], cart: [{ category: 'concentrate', netWeightMg: 8_001, thcMg: 0, quantity: 1 }] });
    expect(over?.cartExact).toEqual({ num: 56_007n, den: 2n });
    expect(over?.over).toBe(true);
  });
});
