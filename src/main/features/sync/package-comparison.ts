import type { MetrcActivePackage } from './metrc/active-packages';
import { registerQuantity } from './metrc/package-quantity';

/** A package as the register holds it. */
export interface LocalPackage {
  readonly tag: string;
  readonly productName: string;
  readonly unit: 'each' | 'mg';
  readonly quantityOnHand: number;
  readonly status: 'active' | 'on_hold' | 'recalled' | 'finished';
}

/** Same package, different quantity. Quantities in `unit`; `difference` = local − Metrc. */
export interface QuantityMismatch {
  readonly tag: string;
  readonly productName: string;
  readonly unit: 'each' | 'mg';
  readonly localQuantity: number;
  readonly metrcQuantity: number;
  readonly difference: number;
  readonly metrcLastModified: string | null;
  /** Sales, voids, returns or adjustments on this tag not yet in Metrc (waiting or parked): they may explain the difference. */
  readonly undeliveredSyncItems: number;
}

/** Same package, but Metrc's quantity cannot be put in the register's unit (a weight against a count, a fractional count, an unknown unit). */
export interface UnitMismatch {
  readonly tag: string;
  readonly productName: string;
  readonly localUnit: 'each' | 'mg';
  readonly localQuantity: number;
  readonly metrcQuantity: number;
  readonly metrcUnitOfMeasure: string;
  readonly problem: string;
}

/** Active in Metrc, unknown to the register: not received here. Quantity as Metrc gives it. */
export interface MissingLocally {
  readonly tag: string;
  readonly itemName: string;
  readonly metrcQuantity: number;
  readonly metrcUnitOfMeasure: string;
  readonly onHold: boolean;
}

/** Stock on hand here that Metrc does not list as active: Metrc would refuse a sale from it. */
export interface NotActiveInMetrc {
  readonly tag: string;
  readonly productName: string;
  readonly unit: 'each' | 'mg';
  readonly localQuantity: number;
  readonly localStatus: LocalPackage['status'];
  readonly undeliveredSyncItems: number;
}

/** Stock on hand here that Metrc has on hold. */
export interface OnHoldInMetrc {
  readonly tag: string;
  readonly productName: string;
  readonly unit: 'each' | 'mg';
  readonly localQuantity: number;
  readonly localStatus: LocalPackage['status'];
}

export interface PackageComparison {
  readonly counts: {
    readonly metrcActive: number;
    readonly localPackages: number;
    readonly localWithStock: number;
    /** Tags both sides know. */
    readonly inBoth: number;
    /** In both, same unit and same quantity. */
    readonly matching: number;
    readonly quantityMismatches: number;
    readonly unitMismatches: number;
    readonly missingLocally: number;
    readonly notActiveInMetrc: number;
    readonly onHoldInMetrc: number;
    /** Every traceability item not yet delivered (waiting or parked), whatever its tag. */
    readonly undeliveredSyncItems: number;
  };
  readonly quantityMismatches: readonly QuantityMismatch[];
  readonly unitMismatches: readonly UnitMismatch[];
  readonly missingLocally: readonly MissingLocally[];
  readonly notActiveInMetrc: readonly NotActiveInMetrc[];
  readonly onHoldInMetrc: readonly OnHoldInMetrc[];
}

/**
 * Metrc's active packages against the register's packages. Pure: it reads
 * nothing and changes nothing. Local quantities only ever move by deltas
 * through sales and adjustments, so a difference is for a person to
 * explain, never for this report to overwrite.
 */
export function comparePackages(
  local: readonly LocalPackage[],
  metrc: readonly MetrcActivePackage[],
  undelivered: { readonly byTag: ReadonlyMap<string, number>; readonly total: number },
): PackageComparison {
  const metrcByTag = new Map(metrc.map((p) => [p.label.toUpperCase(), p]));
  const localTags = new Set(local.map((p) => p.tag.toUpperCase()));
  const quantityMismatches: QuantityMismatch[] = [];
  const unitMismatches: UnitMismatch[] = [];
  const notActiveInMetrc: NotActiveInMetrc[] = [];
  const onHoldInMetrc: OnHoldInMetrc[] = [];
  let inBoth = 0;
  let matching = 0;
  const byTag = [...local].sort((a, b) => codeOrder(a.tag, b.tag));
  for (const pkg of byTag) {
    const pending = undelivered.byTag.get(pkg.tag) ?? 0;
    const remote = metrcByTag.get(pkg.tag.toUpperCase());
    if (remote === undefined) {
      // An empty or finished package that Metrc has finished too is simply in agreement.
      if (pkg.quantityOnHand > 0)
        notActiveInMetrc.push({
          tag: pkg.tag,
          productName: pkg.productName,
          unit: pkg.unit,
          localQuantity: pkg.quantityOnHand,
          localStatus: pkg.status,
          undeliveredSyncItems: pending,
        });
      continue;
    }
    inBoth += 1;
    if (remote.onHold && pkg.quantityOnHand > 0)
      onHoldInMetrc.push({ tag: pkg.tag, productName: pkg.productName, unit: pkg.unit, localQuantity: pkg.quantityOnHand, localStatus: pkg.status });
    const converted = registerQuantity(remote.quantity, remote.unitOfMeasureName);
    if (!converted.ok || converted.value.unit !== pkg.unit) {
      const problem = converted.ok
        ? `Metrc keeps this package in ${remote.unitOfMeasureName}, the register ${pkg.unit === 'mg' ? 'by weight (mg)' : 'as a count of units'}.`
        : converted.problem;
      unitMismatches.push({
        tag: pkg.tag,
        productName: pkg.productName,
        localUnit: pkg.unit,
        localQuantity: pkg.quantityOnHand,
        metrcQuantity: remote.quantity,
        metrcUnitOfMeasure: remote.unitOfMeasureName,
        problem,
      });
      continue;
    }
    if (converted.value.quantity === pkg.quantityOnHand) {
      matching += 1;
      continue;
    }
    quantityMismatches.push({
      tag: pkg.tag,
      productName: pkg.productName,
      unit: pkg.unit,
      localQuantity: pkg.quantityOnHand,
      metrcQuantity: converted.value.quantity,
      difference: pkg.quantityOnHand - converted.value.quantity,
      metrcLastModified: remote.lastModified,
      undeliveredSyncItems: pending,
    });
  }
  const missingLocally: MissingLocally[] = metrc
    .filter((p) => !localTags.has(p.label.toUpperCase()))
    .sort((a, b) => codeOrder(a.label, b.label))
    .map((p) => ({ tag: p.label, itemName: p.itemName, metrcQuantity: p.quantity, metrcUnitOfMeasure: p.unitOfMeasureName, onHold: p.onHold }));
  return {
    counts: {
      metrcActive: metrc.length,
      localPackages: local.length,
      localWithStock: local.filter((p) => p.quantityOnHand > 0).length,
      inBoth,
      matching,
      quantityMismatches: quantityMismatches.length,
      unitMismatches: unitMismatches.length,
      missingLocally: missingLocally.length,
      notActiveInMetrc: notActiveInMetrc.length,
      onHoldInMetrc: onHoldInMetrc.length,
      undeliveredSyncItems: undelivered.total,
    },
    quantityMismatches,
    unitMismatches,
    missingLocally,
    notActiveInMetrc,
    onHoldInMetrc,
  };
}

/** Tags sort by character code, the same on every machine (localeCompare would follow the OS locale). */
function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
