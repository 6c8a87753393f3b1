import pg from 'pg';
import { AppError } from '../../../shared/errors';
import { logger } from '../../platform/logging/logger';
import type { StoreLink } from './store-client';
import { COPY_ORDER, type StoreRow } from './store-read-tables';

/** Where a register reads the store from (its pairing's read path). */
type ReadsAccess = NonNullable<StoreLink['reads']>;

/** The store as it stood at the slot's consistent point, and that point: the stream goes on from exactly there. */
export interface FirstRead {
  readonly lsn: string;
  readonly rows: readonly StoreRow[];
}

// Names put in the replication protocol's statements, which take no parameters: checked first.
const SLOT_NAME = /^[a-z0-9_]{1,63}$/;
const SNAPSHOT_NAME = /^[0-9A-F]+(?:-[0-9A-F]+)+$/i;
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A register's first read of the store (issue #20): everything the store
 * published before this register read anything — the roster, prices,
 * promotions, settings, packages received and their moves, holds, online
 * orders — which a slot made at pairing would never stream, since a slot
 * carries only what changes after it is made. This is PostgreSQL's own way
 * to start a subscriber (what its table sync does): the slot is made anew
 * over a replication connection exporting a snapshot, every published
 * table is read in that snapshot, and the stream starts at the slot's
 * consistent point — so each change is in the copy or in the stream, never
 * both, never neither. A register with a stored position never comes here:
 * it has read, and its slot keeps its place.
 */
export async function takeFirstRead(reads: ReadsAccess): Promise<FirstRead> {
  if (!SLOT_NAME.test(reads.slot))
    throw new AppError('STORE_READS_BAD_SLOT', `The store server gave a read slot this register cannot use ("${reads.slot}"): pair again.`);
  // A logical replication connection (the client passes the startup parameter on; its types do not list it).
  const replicationConfig: pg.ClientConfig & { readonly replication: 'database' } = { connectionString: reads.url, replication: 'database' };
  const replication = new pg.Client(replicationConfig);
  // A connection dropped while idle is an 'error' event, which unheard would end the process: the copy's own queries
  // fail on it and the first read is tried again.
  replication.on('error', (error) => logger.warn({ err: error }, 'store server: the first read lost its replication connection'));
  await replication.connect();
  try {
    // The slot pairing made has streamed nothing to this register yet (no position is stored): it is made again, with a snapshot.
    const existing = await replication.query(`SELECT 1 FROM pg_replication_slots WHERE slot_name = '${reads.slot}'`);
    if (existing.rows.length > 0) await replication.query(`DROP_REPLICATION_SLOT ${reads.slot}`);
    const made = await replication.query(`CREATE_REPLICATION_SLOT ${reads.slot} LOGICAL pgoutput EXPORT_SNAPSHOT`);
    const { consistent_point: lsn, snapshot_name: snapshot } = (made.rows[0] ?? {}) as { consistent_point?: string; snapshot_name?: string };
    if (lsn === undefined || snapshot === undefined || !SNAPSHOT_NAME.test(snapshot))
      throw new AppError('STORE_READS_NO_SNAPSHOT', 'The store server made the read slot without a snapshot to copy from: try again, or call IT support.');
    // The snapshot lives while the replication connection stays open and idle: the copy runs on a second connection meanwhile.
    return { lsn, rows: await copyPublished(reads, snapshot) };
  } finally {
    await replication.end().catch(() => undefined);
  }
}

async function copyPublished(reads: ReadsAccess, snapshot: string): Promise<StoreRow[]> {
  const reader = new pg.Client({ connectionString: reads.url });
  reader.on('error', (error) => logger.warn({ err: error }, 'store server: the first read lost its copy connection'));
  await reader.connect();
  try {
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await reader.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
    const published = await reader.query<{ tablename: string }>(
      'SELECT tablename FROM pg_publication_tables WHERE pubname = $1 AND schemaname = current_schema() ORDER BY tablename',
      [reads.publication],
    );
    const names = published.rows.map((r) => r.tablename).filter((name) => TABLE_NAME.test(name));
    // A row's prerequisites first (a package's product, a move's package, an order's events in the relay's order);
    // a table this register does not know comes last, and its rows are left out by the appliers as on the stream.
    const ordered = [
      ...COPY_ORDER.filter(([name]) => names.includes(name)),
      ...names.filter((n) => !COPY_ORDER.some(([name]) => name === n)).map((n) => [n, null] as const),
    ];
    const rows: StoreRow[] = [];
    for (const [table, orderBy] of ordered) {
      const result = await reader.query<Record<string, unknown>>(`SELECT * FROM "${table}"${orderBy === null ? '' : ` ORDER BY ${orderBy}`}`);
      for (const row of result.rows) rows.push({ table, insert: true, row });
    }
    await reader.query('COMMIT');
    return rows;
  } finally {
    await reader.end().catch(() => undefined);
  }
}
