import { eq } from 'drizzle-orm';
import { outbox, packages, stores } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { businessDay } from '../../../shared/domain/store-calendar';
import { TRACEABILITY_LANE } from '../sync/lanes';
import type { PackageAdjustmentRecord } from '../sync/outbox-messages';

/** Why stock left a package outside a sale, in our words; the Metrc adapter maps it to one of the state's own reasons. */
export type AdjustmentReason = 'destruction';

/** Queues a package adjustment for the state, behind the outbox item it must follow. */
export function enqueuePackageAdjustment(
  tx: RegisterTx,
  adjustment: {
    readonly saleId: string;
    readonly after: number;
    readonly packageTag: string;
    readonly quantity: number;
    readonly reason: AdjustmentReason;
    readonly note: string;
    readonly now: Date;
  },
): void {
  const pkg = tx
    .select({ unit: packages.unit, timeZone: stores.timeZone })
    .from(packages)
    .innerJoin(stores, eq(stores.id, packages.storeId))
    .where(eq(packages.tag, adjustment.packageTag))
    .get();
  if (pkg === undefined) throw new Error(`package ${adjustment.packageTag} vanished`);
  const payload: PackageAdjustmentRecord = {
    packageTag: adjustment.packageTag,
    quantity: adjustment.quantity,
    unit: pkg.unit,
    reason: adjustment.reason,
    note: adjustment.note,
    date: businessDay(adjustment.now, pkg.timeZone),
  };
  tx.insert(outbox)
    .values({
      destination: TRACEABILITY_LANE,
      kind: 'package.adjust',
      aggregateId: adjustment.saleId,
      payload,
      dependsOn: adjustment.after,
      nextAttemptAt: adjustment.now,
      createdAt: adjustment.now,
      updatedAt: adjustment.now,
    })
    .run();
}
