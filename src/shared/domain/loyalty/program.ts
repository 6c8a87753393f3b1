import { allocateProportionally } from '../../rounding';
import type { ProductCategory } from '../../contract/values';

/**
 * Loyalty (issue #22): the earn and redeem rules as data, pure.
 *
 * - A point is worth exactly one cent when redeemed: redemption never rounds.
 * - Points are earned per line on what the customer paid for it (its net,
 *   after every discount including redeemed points, before tax), at the
 *   category's rate and the tier's multiplier, rounded down per line. Per line,
 *   so a return claws back exactly what that line earned (a cumulative floor
 *   share: returning everything in several goes takes back the line's points,
 *   never one more or less).
 * - Redemption is a store-funded discount applied before tax (pricing takes it
 *   as a discount with source `loyalty`): each tax rule then computes on its
 *   own base, so a tax on the net falls with the discount and a tax on gross
 *   receipts does not. We chose a discount over a tender because the store,
 *   not a third party, funds the reward: a tender would leave the taxable
 *   price unchanged and over-collect tax on a price nobody paid.
 * - Where a state forbids giving cannabis as a reward, points are neither
 *   earned on cannabis nor redeemed against it (accessories only).
 */

export interface LoyaltyTier {
  readonly name: string;
  /** Net points earned over the customer's history (earned less clawed back), at least. */
  readonly minLifetimePoints: number;
  /** Earn multiplier in basis points (10000 = ×1). */
  readonly multiplierBp: number;
}

export interface StateRewardExclusion {
  readonly state: string;
  readonly citation: string;
  readonly summary: string;
  readonly verify: boolean;
}

export interface LoyaltyProgram {
  /** Points per whole dollar of net, by category (a point redeems for one cent). */
  readonly pointsPerDollar: Readonly<Record<ProductCategory, number>>;
  readonly minimumRedemptionPoints: number;
  /** Highest share of the eligible lines' net that points may pay, in basis points. */
  readonly maxRedemptionShareBp: number;
  /** Lowest threshold first; the first tier must start at 0. */
  readonly tiers: readonly LoyaltyTier[];
  readonly stateExclusions: readonly StateRewardExclusion[];
}

const CANNABIS_FREE: ReadonlySet<ProductCategory> = new Set(['accessory']);

export const LOYALTY_PROGRAM: LoyaltyProgram = {
  pointsPerDollar: {
    flower: 2,
    preroll: 2,
    infused_preroll: 2,
    concentrate: 2,
    vape: 2,
    edible: 2,
    beverage: 2,
    tincture: 2,
    topical: 2,
    immature_plant: 0,
    seed: 0,
    accessory: 4,
  },
  minimumRedemptionPoints: 100,
  maxRedemptionShareBp: 10_000,
  tiers: [
    { name: 'Green', minLifetimePoints: 0, multiplierBp: 10_000 },
    { name: 'Silver', minLifetimePoints: 1_000, multiplierBp: 12_500 },
    { name: 'Gold', minLifetimePoints: 5_000, multiplierBp: 15_000 },
  ],
  stateExclusions: [
    {
      state: 'WA',
      citation: 'WAC 314-55-155 (advertising and promotions; no cannabis given away as a premium or prize) ⚠ verify paragraph; RCW 69.50.369',
      summary: 'A licensee may not give cannabis away or tie it to a prize or premium: rewards may not be redeemed for, or earned on, cannabis.',
      verify: true,
    },
    {
      state: 'MA',
      citation: '935 CMR 500.105(4)(b) (prohibited practices: giving away marijuana products as part of a promotion) ⚠ verify paragraph',
      summary: 'Marijuana products may not be given away as part of a business promotion; loyalty value is kept to non-cannabis goods.',
      verify: true,
    },
    {
      state: 'NY',
      citation: '9 NYCRR Part 128 (cannabis marketing and advertising; no give-aways or rewards tied to cannabis) ⚠ verify section',
      summary: 'Adult-use licensees may not give away cannabis or offer rewards for its purchase.',
      verify: true,
    },
  ],
};

export function rewardExclusionFor(program: LoyaltyProgram, state: string): StateRewardExclusion | null {
  return program.stateExclusions.find((e) => e.state === state) ?? null;
}

/** May points be earned on, or redeemed against, this category in this state? */
export function rewardEligible(program: LoyaltyProgram, state: string, category: ProductCategory): boolean {
  return rewardExclusionFor(program, state) === null || CANNABIS_FREE.has(category);
}

export function tierFor(program: LoyaltyProgram, lifetimePoints: number): LoyaltyTier {
  let tier = program.tiers[0];
  if (tier === undefined) throw new Error('a loyalty program needs a tier from 0 points');
  for (const t of program.tiers) if (lifetimePoints >= t.minLifetimePoints) tier = t;
  return tier;
}

export interface EarningLine {
  readonly lineId: string;
  readonly category: ProductCategory;
  /** What the customer paid for the line before tax, after every discount. */
  readonly netCents: number;
}

/** Points each line earns (rounded down per line); lines earning nothing are left out. */
export function pointsEarned(
  program: LoyaltyProgram,
  state: string,
  tier: LoyaltyTier,
  lines: readonly EarningLine[],
): Array<{ lineId: string; points: number }> {
  return lines
    .map((line) => {
      const rate = rewardEligible(program, state, line.category) ? program.pointsPerDollar[line.category] : 0;
      // cents × points-per-dollar × multiplier-bp / (100 cents × 10000 bp), down.
      const points = Math.floor((Math.max(line.netCents, 0) * rate * tier.multiplierBp) / 1_000_000);
      return { lineId: line.lineId, points };
    })
    .filter((l) => l.points > 0);
}

export interface RedeemableLine {
  readonly lineId: string;
  readonly category: ProductCategory;
  /** The line's net before points (after promotions and manual discounts). */
  readonly netCents: number;
}

export type RedemptionProblem = 'below_minimum' | 'over_balance' | 'nothing_eligible';

/**
 * How many of the wanted points a cart can take: at most the balance, at most
 * the eligible lines' net (times the cap), and split across the eligible lines
 * by their net (largest remainder), so per-line amounts sum exactly.
 */
export function planRedemption(
  program: LoyaltyProgram,
  state: string,
  wantedPoints: number,
  balance: number,
  lines: readonly RedeemableLine[],
): { points: number; perLine: Array<{ lineId: string; points: number }> } | { problem: RedemptionProblem } {
  if (wantedPoints < program.minimumRedemptionPoints) return { problem: 'below_minimum' };
  if (wantedPoints > balance) return { problem: 'over_balance' };
  const eligible = lines.filter((l) => rewardEligible(program, state, l.category) && l.netCents > 0);
  const eligibleNet = eligible.reduce((s, l) => s + l.netCents, 0);
  const cap = Math.floor((eligibleNet * program.maxRedemptionShareBp) / 10_000);
  if (cap <= 0) return { problem: 'nothing_eligible' };
  const points = Math.min(wantedPoints, cap);
  const shares = allocateProportionally(
    points,
    eligible.map((l) => l.netCents),
  );
  return { points, perLine: eligible.map((l, i) => ({ lineId: l.lineId, points: shares[i] ?? 0 })).filter((l) => l.points > 0) };
}

/** A cumulative floor share: what taking `quantity` more of `total`, after `already`, gives of `amount`. */
export function cumulativeShare(amount: number, already: number, quantity: number, total: number): number {
  return Math.floor((amount * (already + quantity)) / total) - Math.floor((amount * already) / total);
}
