import { desc, eq } from 'drizzle-orm';
import type { IncidentView } from '../../shared/contract/it-incidents';
import { itIncidents, terminals } from '../db/schema';
import type { StoreDb } from '../db/open';

/**
 * The whole store's IT incident log (issue #23), for every register's
 * incident screen and for IT: each register's incidents as it last sent
 * them, newest first, named by the register's name at pairing (what the
 * store calls it). The register that logged one keeps the original.
 */
export async function listStoreIncidents(db: StoreDb, status: 'open' | 'closed' | 'all', limit: number): Promise<IncidentView[]> {
  const rows = await db
    .select({ snapshot: itIncidents.snapshot, terminalName: terminals.name })
    .from(itIncidents)
    .innerJoin(terminals, eq(terminals.id, itIncidents.terminalId))
    .where(status === 'all' ? undefined : eq(itIncidents.status, status))
    .orderBy(desc(itIncidents.reportedAt))
    .limit(limit);
  return rows.map((r) => {
    const incident = r.snapshot as IncidentView;
    return { ...incident, context: { ...incident.context, terminalName: r.terminalName } };
  });
}
