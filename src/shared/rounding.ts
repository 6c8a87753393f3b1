/**
 * Integer money arithmetic. Every share of a sum is computed from integers
 * and rounded by a stated rule, never by floating point.
 */

/** n / d rounded half up, for n ≥ 0 and d > 0 (the register's rounding rule). */
export function divideRoundHalfUp(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || n < 0 || d <= 0) throw new RangeError(`divideRoundHalfUp(${n}, ${d})`);
  const q = Math.floor(n / d);
  return 2 * (n - q * d) >= d ? q + 1 : q;
}

/** `bp` basis points of a percent of `amount`, rounded half up: 1500 bp of 1000 = 150. */
export function basisPointsOf(amount: number, bp: number): number {
  return divideRoundHalfUp(amount * bp, 10_000);
}

/**
 * Splits `total` across `weights` in proportion, by the largest-remainder
 * method: every share is a whole number and the shares sum to `total`
 * exactly. Ties go to the earlier weight, so the result is deterministic.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total < 0 || weights.some((w) => w < 0)) throw new RangeError('allocateProportionally takes non-negative amounts');
  if (sum === 0) return weights.map(() => 0);
  const floors = weights.map((w) => Math.floor((total * w) / sum));
  const remainders = weights.map((w, i) => total * w - (floors[i] ?? 0) * sum);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = remainders.map((r, i) => [r, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left -= 1;
  }
  return floors;
}
