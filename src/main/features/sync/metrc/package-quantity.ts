/** A quantity in the register's own units: a whole count, or whole milligrams. */
export interface RegisterQuantity {
  readonly unit: 'each' | 'mg';
  readonly quantity: number;
}

/**
 * Milligrams per unit of each Metrc weight unit, as an exact fraction
 * (numerator / 10^scale): the ounce and the pound are defined exactly
 * (28.349523125 g and 453.59237 g), so no floating-point factor is needed.
 */
const MG_PER_UNIT: Readonly<Record<string, { readonly numerator: bigint; readonly scale: number }>> = {
  milligrams: { numerator: 1n, scale: 0 },
  grams: { numerator: 1_000n, scale: 0 },
  kilograms: { numerator: 1_000_000n, scale: 0 },
  ounces: { numerator: 28_349_523_125n, scale: 6 },
  pounds: { numerator: 45_359_237n, scale: 2 },
};

/**
 * Metrc's decimal quantity and unit name → our integer units.
 *
 * Metrc sends a JSON number (e.g. `3.5` Grams). We read it through its
 * shortest decimal text (`String(3.5)`), never by multiplying the binary
 * float, then scale it exactly with integers and round once, to the nearest
 * milligram, halves away from zero. A milligram is below what a retail scale
 * reads, so that rounding can never turn into a reportable difference of its
 * own; everything coarser is kept exactly. Counts (`Each`) must be whole.
 */
export function registerQuantity(
  quantity: number,
  unitOfMeasureName: string,
): { readonly ok: true; readonly value: RegisterQuantity } | { readonly ok: false; readonly problem: string } {
  const decimal = decimalOf(quantity);
  if (decimal === null) return { ok: false, problem: `Metrc's quantity ${String(quantity)} is not a number the register can read.` };
  const unitKey = unitOfMeasureName.trim().toLowerCase();
  if (unitKey === 'each') {
    if (decimal.scale > 0 && decimal.digits % 10n ** BigInt(decimal.scale) !== 0n) {
      return { ok: false, problem: `Metrc holds ${String(quantity)} Each: a count of units cannot be fractional.` };
    }
    const count = safeNumber(decimal.digits / 10n ** BigInt(decimal.scale));
    if (count === null) return { ok: false, problem: `Metrc's count ${String(quantity)} Each is too large for the register.` };
    return { ok: true, value: { unit: 'each', quantity: count } };
  }
  const factor = MG_PER_UNIT[unitKey];
  if (factor === undefined)
    return {
      ok: false,
      problem: `Metrc's unit "${unitOfMeasureName}" is neither a count nor a weight the register keeps (Each, Milligrams, Grams, Kilograms, Ounces, Pounds).`,
    };
  const mg = safeNumber(roundedQuotient(decimal.digits * factor.numerator, 10n ** BigInt(decimal.scale + factor.scale)));
  if (mg === null) return { ok: false, problem: `Metrc's quantity ${String(quantity)} ${unitOfMeasureName} is too large to hold in milligrams.` };
  return { ok: true, value: { unit: 'mg', quantity: mg } };
}

/** A finite number as an exact decimal: digits × 10^-scale (scale ≥ 0). */
function decimalOf(value: number): { digits: bigint; scale: number } | null {
  if (!Number.isFinite(value)) return null;
  // String() gives the shortest text that reads back as the same double, with an exponent for very large/small values.
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(value));
  if (match === null) return null;
  const [, sign = '', whole = '0', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  let digits = BigInt(`${sign}${whole}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** numerator / denominator (denominator > 0), to the nearest integer, halves away from zero. */
function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const magnitude = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * magnitude + denominator) / (2n * denominator);
  return numerator < 0n ? -rounded : rounded;
}

function safeNumber(value: bigint): number | null {
  return value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER) ? null : Number(value);
}
