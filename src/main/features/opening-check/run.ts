import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { OpeningCheckId, OpeningCheckItem, OpeningCheckRunView, OpeningCheckStatus } from '../../../shared/contract/opening-check';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';
import { drawerSessions, openingChecks, sales, stores, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction } from '../../platform/db/transaction';
import type { PiiKeys } from '../../platform/security/pii-crypto';
import type { DeviceService } from '../devices/service';
import { storeIdOfTerminal } from '../store/terminal';
import {
  databaseIntegrity,
  diskSpace,
  drawersClosed,
  migrationsCurrent,
  onlineOrdersWaiting,
  openComplianceFlags,
  storeServerSkew,
  syncBacklog,
  type CheckResult,
  type DiskThresholds,
  type StoreServerClock,
} from './checks';
import { devicesCheck, metrcChecks } from './remote-checks';
import { stockDrift } from './stock-drift';

export interface OpeningCheckInputs {
  readonly db: RegisterDb;
  /** The data key, to read the Metrc keys; null from the command line without the key file. */
  readonly keys: PiiKeys | null;
  readonly terminalId: string;
  /** The register's clock: which store day this is. */
  readonly now: Date;
  /** The computer's own clock, compared with Metrc's and the store server's (the register's may be a test's). */
  readonly wallClock?: () => Date;
  /** The open devices; null from the command line, which does not open the ports. */
  readonly devices: DeviceService | null;
  readonly migrationsFolder: string;
  /** The store server's clock, on a register paired with one (null: a single register). */
  readonly storeServerClock?: StoreServerClock | null;
  readonly metrcTimeoutMs?: number;
  readonly diskThresholds?: DiskThresholds;
}

const LABELS: Readonly<Record<OpeningCheckId, string>> = {
  database_integrity: 'Database integrity',
  migrations: 'Database version',
  disk_space: 'Disk space',
  clock_skew_metrc: 'Clock against Metrc',
  clock_skew_store_server: 'Clock against the store server',
  devices: 'Printer, drawer and scanners',
  metrc_connection: 'Metrc connection and licence',
  sync_backlog: 'Sales waiting for Metrc',
  stock_drift: 'Stock since the last count',
  drawers_closed: "Yesterday's drawers",
  compliance_flags: 'Compliance flags',
  online_orders: 'Online orders',
};

const RANK: Readonly<Record<OpeningCheckStatus, number>> = { green: 0, amber: 1, red: 2 };

export function worst(items: readonly { readonly status: OpeningCheckStatus }[]): OpeningCheckStatus {
  return items.reduce<OpeningCheckStatus>((w, i) => (RANK[i.status] > RANK[w] ? i.status : w), 'green');
}

/**
 * Every line of the opening check, in the order a technician walks them.
 * A check that throws becomes a red line saying so: the screen always shows
 * the whole list.
 */
export async function runOpeningCheck(inputs: OpeningCheckInputs): Promise<Omit<OpeningCheckRunView, 'id'>> {
  const { db, now } = inputs;
  const wallClock = inputs.wallClock ?? (() => new Date());
  const storeId = storeIdOfTerminal(db, inputs.terminalId);
  const store = db.select({ state: stores.state, timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId)).get();
  const timeZone = store?.timeZone ?? 'UTC';
  const day = businessDay(now, timeZone);
  const todayStart = dayWindow(day, timeZone).start;
  const yesterday = DateTime.fromISO(day).minus({ days: 1 }).toISODate() ?? day;
  const metrc = metrcChecks(db, inputs.keys, storeId, wallClock, inputs.metrcTimeoutMs ?? 5_000);
  const checks: ReadonlyArray<readonly [OpeningCheckId, () => CheckResult | Promise<CheckResult>]> = [
    ['database_integrity', () => databaseIntegrity(db)],
    ['migrations', () => migrationsCurrent(db, inputs.migrationsFolder)],
    ['disk_space', () => diskSpace(db, inputs.diskThresholds)],
    ['metrc_connection', async () => (await metrc).connection],
    ['clock_skew_metrc', async () => (await metrc).clockSkew],
    ['clock_skew_store_server', () => storeServerSkew(inputs.storeServerClock ?? null, wallClock)],
    ['devices', () => devicesCheck(db, inputs.terminalId, inputs.devices)],
    ['sync_backlog', () => syncBacklog(db, store?.state ?? '', now)],
    ['stock_drift', () => stockDrift(db, storeId, now)],
    ['drawers_closed', () => drawersClosed(db, storeId, todayStart, yesterday)],
    ['compliance_flags', () => openComplianceFlags(db, storeId)],
    ['online_orders', () => onlineOrdersWaiting(db, now)],
  ];
  const items: OpeningCheckItem[] = [];
  for (const [id, check] of checks) {
    let result: CheckResult;
    try {
      result = await check();
    } catch (error) {
      result = {
        status: 'red',
        detail: `The check itself failed: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Call IT support with this message.',
        action: { kind: 'retry', label: 'Check again' },
      };
    }
    items.push({ id, label: LABELS[id], ...result });
  }
  return { ranAt: now.toISOString(), businessDay: day, overall: worst(items), items };
}

/** Keeps a run for the store-day report. Not audited: it records what was seen, and changes nothing. */
export function saveOpeningCheck(
  db: RegisterDb,
  run: Omit<OpeningCheckRunView, 'id'>,
  by: { readonly terminalId: string; readonly staffId: string | null },
): OpeningCheckRunView {
  const id = randomUUID();
  writeTransaction(db, (tx) =>
    tx
      .insert(openingChecks)
      .values({
        id,
        storeId: storeIdOfTerminal(tx, by.terminalId),
        terminalId: by.terminalId,
        businessDay: run.businessDay,
        ranAt: new Date(run.ranAt),
        ranBy: by.staffId,
        overall: run.overall,
        items: run.items,
      })
      .run(),
  );
  return { id, ...run };
}

/** This terminal's latest run on the store day of `now`, if any. */
export function latestOpeningCheck(db: RegisterDb, terminalId: string, day: string): OpeningCheckRunView | null {
  const row = db
    .select()
    .from(openingChecks)
    .where(and(eq(openingChecks.terminalId, terminalId), eq(openingChecks.businessDay, day)))
    .orderBy(desc(openingChecks.ranAt))
    .limit(1)
    .get();
  if (row === undefined) return null;
  return { id: row.id, ranAt: row.ranAt.toISOString(), businessDay: row.businessDay, overall: row.overall, items: row.items as OpeningCheckItem[] };
}

/**
 * Whether the check should open by itself at this sign-in: none run yet this
 * store day at this terminal, on a register that has traded before today (a
 * drawer, a sale or a check on an earlier day). A register's first day is
 * its set-up day: the check is there on F7, but does not stand between the
 * person setting it up and the screens they came for.
 */
export function openingCheckDue(db: RegisterDb, terminalId: string, day: string, todayStart: Date): boolean {
  if (latestOpeningCheck(db, terminalId, day) !== null) return false;
  const storeId = storeIdOfTerminal(db, terminalId);
  const earlier = db.get<{ found: number | null }>(sql`SELECT
      EXISTS (SELECT 1 FROM ${drawerSessions} d JOIN ${terminals} t ON t.id = d.terminal_id WHERE t.store_id = ${storeId} AND d.opened_at < ${todayStart.getTime()})
   OR EXISTS (SELECT 1 FROM ${sales} s WHERE s.store_id = ${storeId} AND s.completed_at < ${todayStart.getTime()})
   OR EXISTS (SELECT 1 FROM ${openingChecks} o WHERE o.store_id = ${storeId} AND o.business_day < ${day}) AS found`);
  return (earlier?.found ?? 0) === 1;
}
