import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { and, count, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { OpeningCheckItem } from '../../../shared/contract/opening-check';
import { isAppError } from '../../../shared/errors';
import { complianceFlags, deposits, drawerSessions, onlineOrderFeed, onlineOrderRelay, onlineOrders, terminals } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import { planMigrationsOf } from '../../platform/db/migrations';
import { laneBacklog } from '../sync/backlog';
import { TRACEABILITY_LANE } from '../sync/lanes';
import { deadlineRisk, reportingDeadlineFor } from '../../../shared/domain/sync/reporting-deadlines';

/** The fields of a line a check decides; `id` and `label` come from the list in run.ts. */
export type CheckResult = Pick<OpeningCheckItem, 'status' | 'detail' | 'fix' | 'action'>;

export const green = (detail: string, fix: string): CheckResult => ({ status: 'green', detail, fix, action: null });

/** `PRAGMA quick_check`: the pages and indexes are readable (integrity_check's cheap sibling: seconds, not minutes). */
export function databaseIntegrity(db: RegisterDb): CheckResult {
  const rows = db.all<{ quick_check: string }>(sql`PRAGMA quick_check`);
  const problems = rows.map((r) => r.quick_check).filter((text) => text !== 'ok');
  if (problems.length === 0) return green('SQLite quick check: ok.', 'Nothing to do.');
  return {
    status: 'red',
    detail: `SQLite quick check found ${problems.length} problem(s): ${problems.slice(0, 3).join('; ')}`,
    fix: 'Stop selling on this register and call IT support: a backup is restored with the restore command.',
    action: null,
  };
}

/** The file has every migration this build ships (the register migrates at start: a gap means it ran from an older copy). */
export function migrationsCurrent(db: RegisterDb, migrationsFolder: string): CheckResult {
  try {
    const plan = planMigrationsOf(db, migrationsFolder);
    if (plan.pending.length === 0) return green(`All ${plan.shipped.length} migrations applied.`, 'Nothing to do.');
    return {
      status: 'red',
      detail: `${plan.pending.length} migration(s) not applied.`,
      fix: 'Restart the register so it brings its database up to date (it backs the file up first).',
      action: null,
    };
  } catch (error) {
    return {
      status: 'red',
      detail: isAppError(error) ? error.message : 'The applied migrations could not be read.',
      fix: 'Call IT support before selling: the database and this version of the register disagree.',
      action: null,
    };
  }
}

export interface DiskThresholds {
  readonly redBelowBytes: number;
  readonly amberBelowBytes: number;
}

/** A day's sales are a few megabytes, but a nightly backup copies the whole file and SQLite needs room to write its log. */
export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = { redBelowBytes: 512 * 1024 * 1024, amberBelowBytes: 2 * 1024 * 1024 * 1024 };

export function diskSpaceResult(freeBytes: number, databaseBytes: number, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): CheckResult {
  const free = formatBytes(freeBytes);
  // A backup needs the database's size again: less than that is red whatever the thresholds.
  if (freeBytes < thresholds.redBelowBytes || freeBytes < databaseBytes) {
    return {
      status: 'red',
      detail: `${free} free beside the database.`,
      fix: 'Free disk space on this computer (or call IT support) before the nightly backup fails.',
      action: null,
    };
  }
  if (freeBytes < thresholds.amberBelowBytes) {
    return { status: 'amber', detail: `${free} free beside the database.`, fix: 'Free some disk space on this computer this week.', action: null };
  }
  return green(`${free} free beside the database.`, 'Nothing to do.');
}

export async function diskSpace(db: RegisterDb, thresholds?: DiskThresholds): Promise<CheckResult> {
  const file = db.all<{ file: string }>(sql`PRAGMA database_list`).find((d) => d.file !== '')?.file ?? null;
  if (file === null) return { status: 'amber', detail: 'The database is in memory: no disk to check.', fix: 'Nothing to do on a test register.', action: null };
  const stats = await statfs(dirname(file));
  const pageInfo = db.get<{ bytes: number }>(sql`SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`);
  return diskSpaceResult(Number(stats.bavail) * Number(stats.bsize), pageInfo?.bytes ?? 0, thresholds);
}

/** Metrc's Date header has one-second resolution: within a minute is fine; past five minutes sales are stamped with the wrong time. */
const SKEW_AMBER_MS = 60_000;
const SKEW_RED_MS = 5 * 60_000;

export function clockSkewResult(source: string, serverDate: Date, localMidpoint: Date): CheckResult {
  const skewMs = localMidpoint.getTime() - serverDate.getTime();
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const direction = skewMs > 0 ? 'ahead of' : 'behind';
  const detail = seconds < 1 ? `This computer's clock agrees with ${source}.` : `This computer's clock is ${seconds} s ${direction} ${source}.`;
  if (Math.abs(skewMs) > SKEW_RED_MS)
    return {
      status: 'red',
      detail,
      fix: "Set this computer's clock to update automatically (network time), then run the check again.",
      action: { kind: 'retry', label: 'Check again' },
    };
  if (Math.abs(skewMs) > SKEW_AMBER_MS)
    return { status: 'amber', detail, fix: 'Turn on automatic time (network time) on this computer.', action: { kind: 'retry', label: 'Check again' } };
  return green(detail, 'Nothing to do.');
}

/** The store server's clock, on a register paired with one (issue #20); null on a single register. */
export interface StoreServerClock {
  readonly name: string;
  now(): Promise<Date>;
}

export async function storeServerSkew(clock: StoreServerClock | null, wallClock: () => Date): Promise<CheckResult> {
  if (clock === null) return green('No store server is configured: this register keeps its own books.', 'Nothing to do until the store has a store server.');
  try {
    const before = wallClock().getTime();
    const serverNow = await clock.now();
    const midpoint = new Date((before + wallClock().getTime()) / 2);
    return clockSkewResult(clock.name, serverNow, midpoint);
  } catch {
    return {
      status: 'amber',
      detail: `${clock.name} did not answer.`,
      fix: 'Check the store server is running and reachable from this register.',
      action: { kind: 'retry', label: 'Check again' },
    };
  }
}

/** The state lane's backlog against the state's reporting deadline (data, with citations, in sync/reporting-deadline.ts). */
export function syncBacklog(db: RegisterDb, state: string, now: Date): CheckResult {
  const backlog = laneBacklog(db, TRACEABILITY_LANE);
  const deadline = reportingDeadlineFor(state);
  const risk = deadlineRisk(deadline, backlog.oldestPendingAt, now);
  const ageHours = backlog.oldestPendingAt === null ? 0 : (now.getTime() - backlog.oldestPendingAt.getTime()) / 3_600_000;
  const rule = `${state} allows ${deadline.hours} h${deadline.verify ? ' (⚠ verify)' : ''}: ${deadline.citation}`;
  const waiting = `${backlog.pending} item(s) waiting for Metrc, oldest ${ageHours.toFixed(1)} h old; ${backlog.dead} refused.`;
  if (risk === 'overdue')
    return {
      status: 'red',
      detail: `${waiting} Past the reporting deadline. ${rule}`,
      fix: 'Get Metrc reachable so the backlog drains, and tell the compliance officer about the late sales.',
      action: { kind: 'go_to_sync', label: 'Go to sync' },
    };
  if (backlog.dead > 0)
    return {
      status: 'amber',
      detail: `${waiting} ${rule}`,
      fix: 'Deal with the refused items on the Sync screen (retry after fixing, or mark resolved).',
      action: { kind: 'go_to_sync', label: 'Go to sync' },
    };
  if (risk === 'at_risk')
    return {
      status: 'amber',
      detail: `${waiting} Close to the reporting deadline. ${rule}`,
      fix: 'Get Metrc reachable today so the backlog drains before the deadline.',
      action: { kind: 'go_to_sync', label: 'Go to sync' },
    };
  return green(backlog.pending === 0 ? `Nothing waiting for Metrc. ${rule}` : `${waiting} ${rule}`, 'Nothing to do.');
}

/** Drawer sessions opened before today (store-local) that are not closed, at any of the store's terminals; and yesterday's deposit. */
export function drawersClosed(db: RegisterDb, storeId: string, todayStart: Date, yesterday: string): CheckResult {
  const left = db
    .select({ terminal: terminals.name, status: drawerSessions.status })
    .from(drawerSessions)
    .innerJoin(terminals, eq(terminals.id, drawerSessions.terminalId))
    .where(and(eq(terminals.storeId, storeId), ne(drawerSessions.status, 'closed'), lt(drawerSessions.openedAt, todayStart)))
    .all();
  if (left.length > 0) {
    const where = [...new Set(left.map((l) => l.terminal))].join(', ');
    return {
      status: 'red',
      detail: `${left.length} drawer session(s) from an earlier day not closed (${where}).`,
      fix: 'Count and close the earlier drawer on the Drawer screen before opening a new one.',
      action: { kind: 'go_to_drawer', label: 'Go to drawer' },
    };
  }
  const closedYesterday = db
    .select({ n: count() })
    .from(drawerSessions)
    .innerJoin(terminals, eq(terminals.id, drawerSessions.terminalId))
    .where(
      and(eq(terminals.storeId, storeId), lt(drawerSessions.openedAt, todayStart), sql`${drawerSessions.openedAt} >= ${todayStart.getTime() - 36 * 3_600_000}`),
    )
    .get();
  const deposited = db
    .select({ n: count() })
    .from(deposits)
    .where(and(eq(deposits.storeId, storeId), eq(deposits.businessDay, yesterday)))
    .get();
  if ((closedYesterday?.n ?? 0) > 0 && (deposited?.n ?? 0) === 0) {
    return {
      status: 'amber',
      detail: `Yesterday's drawers are closed, but no deposit is recorded for ${yesterday}.`,
      fix: 'Record the deposit bag on the Drawer screen (two people) if cash left the store.',
      action: { kind: 'go_to_drawer', label: 'Go to drawer' },
    };
  }
  return green('Every drawer from earlier days is closed.', 'Nothing to do.');
}

export function openComplianceFlags(db: RegisterDb, storeId: string): CheckResult {
  const open = db
    .select({ n: count() })
    .from(complianceFlags)
    .where(and(eq(complianceFlags.storeId, storeId), isNull(complianceFlags.reviewedAt)))
    .get();
  const n = open?.n ?? 0;
  if (n === 0) return green('No compliance flag waiting for review.', 'Nothing to do.');
  return {
    status: 'amber',
    detail: `${n} compliance flag(s) waiting for review.`,
    fix: 'The compliance officer reviews them on the Compliance screen.',
    action: { kind: 'go_to_compliance', label: 'Go to compliance' },
  };
}

/**
 * Online orders (issue #21): none can wait without an order relay; with
 * one, a new order past its accept-by time, orders still to pick or hand
 * over, and a relay the last pull could not reach are each worth a look.
 */
export function onlineOrdersWaiting(db: RegisterDb, now: Date): CheckResult {
  const relay = db.select({ url: onlineOrderRelay.url }).from(onlineOrderRelay).get();
  if (relay === undefined) return green('No order relay is connected, so no online order can be waiting.', 'Nothing to do.');
  const active = db
    .select({ status: onlineOrders.status, acceptBy: onlineOrders.acceptBy })
    .from(onlineOrders)
    .where(inArray(onlineOrders.status, ['new', 'accepted', 'picking', 'ready']))
    .all();
  const fresh = active.filter((o) => o.status === 'new');
  const overdue = fresh.filter((o) => o.acceptBy < now).length;
  const toHandOver = active.length - fresh.length;
  const lastError = db.select({ lastError: onlineOrderFeed.lastError }).from(onlineOrderFeed).get()?.lastError ?? null;
  const go = { kind: 'go_to_orders', label: 'Go to orders' } as const;
  if (active.length === 0 && lastError === null) return green(`Connected to the order relay at ${relay.url}; no order is waiting.`, 'Nothing to do.');
  const parts = [
    fresh.length === 0 ? null : `${fresh.length} new order(s) to accept${overdue === 0 ? '' : ` (${overdue} past the platform's time to accept)`}`,
    toHandOver === 0 ? null : `${toHandOver} order(s) to pick or hand over`,
    lastError === null ? null : `the last pull from the relay failed: ${lastError}`,
  ].filter((p) => p !== null);
  return {
    status: 'amber',
    detail: `${parts.join('; ')}.`,
    fix: 'Open the Orders screen (F11): accept or reject new orders, and pick what customers are coming for.',
    action: go,
  };
}

function formatBytes(bytes: number): string {
  const gib = bytes / 1024 ** 3;
  return gib >= 1 ? `${gib.toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}
