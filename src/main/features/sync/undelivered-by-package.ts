import { sql } from 'drizzle-orm';
import { TRACEABILITY_LANE } from './lanes';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';

/** Not yet in Metrc: waiting, being sent, or parked for staff. `done` and `resolved` (entered by hand) are in. */
const UNDELIVERED = ['pending', 'in_flight', 'dead'] as const;

/**
 * Traceability items not yet delivered, counted per package tag, so a
 * reconciliation can say "3 sales of this package are still on their way"
 * next to a difference. Where the tag sits depends on the kind:
 * - `receipt.create`, `receipt.return`: `payload.lines[].packageTag`;
 * - `package.adjust`: `payload.packageTag`;
 * - `receipt.void`: no lines of its own; the sale's `receipt.create` (same aggregate) has them.
 * An item touching a tag on several lines counts once for that tag.
 */
export function undeliveredItemsByPackage(db: RegisterDb | RegisterTx): { byTag: Map<string, number>; total: number } {
  const statuses = sql.join(
    UNDELIVERED.map((s) => sql`${s}`),
    sql`, `,
  );
  const rows = db.all<{ tag: string | null; items: number }>(sql`
    WITH undelivered AS (
      SELECT id, kind, aggregate_id, payload FROM outbox WHERE destination = ${TRACEABILITY_LANE} AND status IN (${statuses})
    ), touched AS (
      SELECT u.id, json_extract(u.payload, '$.packageTag') AS tag FROM undelivered u WHERE u.kind = 'package.adjust'
      UNION ALL
      SELECT u.id, json_extract(line.value, '$.packageTag') FROM undelivered u, json_each(u.payload, '$.lines') line WHERE u.kind IN ('receipt.create', 'receipt.return')
      UNION ALL
      SELECT u.id, json_extract(line.value, '$.packageTag')
      FROM undelivered u
      JOIN outbox receipt ON receipt.destination = ${TRACEABILITY_LANE} AND receipt.aggregate_id = u.aggregate_id AND receipt.kind = 'receipt.create',
           json_each(receipt.payload, '$.lines') line
      WHERE u.kind = 'receipt.void'
    )
    SELECT tag, count(DISTINCT id) AS items FROM touched GROUP BY tag`);
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM outbox WHERE destination = ${TRACEABILITY_LANE} AND status IN (${statuses})`)?.n ?? 0;
  return { byTag: new Map(rows.flatMap((r) => (r.tag === null ? [] : [[r.tag, r.items] as const]))), total };
}
