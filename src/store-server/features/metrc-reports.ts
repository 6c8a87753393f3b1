import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { StoreCommand } from '../../shared/contract/store-server';
import { parseMetrcMessage, type SaleReceiptRecord } from '../../shared/contract/metrc-messages';
import { isServiceAddress } from '../../shared/contract/sync';
import { AppError } from '../../shared/errors';
import { metrcConnection, metrcReports } from '../db/schema';
import type { StoreDb } from '../db/open';
import { seal, unseal, type StoreSealingKey } from '../sealing';
import { enqueueReport, metrcJobCounts } from './metrc-jobs';
import { readStoreSettings } from './store-settings';
import type { Terminal } from './terminals';

type Tx = Parameters<Parameters<StoreDb['transaction']>[0]>[0];
type MetrcReportCommand = Extract<StoreCommand, { type: 'metrc.report' }>;

/** The field name sealed registration numbers are bound to (one for patients and caregivers: the adapter opens both alike). */
export const REGISTRATION_FIELD = 'metrc_reports.registration_number';
const VENDOR_KEY_FIELD = 'metrc_connection.vendor_key';
const USER_KEY_FIELD = 'metrc_connection.user_key';

/** What the reporter hands Metrc's adapter for one report (`metrc_reports.item`). */
export const reportItemSchema = z.object({
  kind: z.enum(['receipt.create', 'receipt.void', 'receipt.return', 'package.adjust']),
  aggregateId: z.string(),
  payload: z.unknown(),
  receipt: z.unknown().nullable(),
  receiptId: z.number().int().nullable(),
  earlier: z.array(z.object({ kind: z.string(), payload: z.unknown() })),
  createdAt: z.string(),
});
export type ReportItem = z.infer<typeof reportItemSchema>;

/**
 * A register hands over something the state must receive (in the
 * command's transaction, after its key was taken): checked against its
 * kind, its registration numbers sealed with the store server's key, kept
 * as a report, and its job queued in the same commit.
 */
export async function acceptMetrcReport(
  tx: Tx,
  key: StoreSealingKey,
  terminal: Terminal,
  command: MetrcReportCommand,
  licence: string,
  now: Date,
): Promise<void> {
  const parsed = parseMetrcMessage(command.kind, command.payload);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', parsed.error);
  const sealed = (record: SaleReceiptRecord): SaleReceiptRecord => ({
    ...record,
    patientLicenseNumberSealed: command.registrations.patient === null ? null : seal(key, REGISTRATION_FIELD, command.registrations.patient),
    caregiverLicenseNumberSealed: command.registrations.caregiver === null ? null : seal(key, REGISTRATION_FIELD, command.registrations.caregiver),
  });
  const item: ReportItem = {
    kind: command.kind,
    aggregateId: command.aggregateId,
    payload: command.kind === 'receipt.create' ? sealed(parsed.message as SaleReceiptRecord) : parsed.message,
    receipt: command.receipt === null ? null : sealed(command.receipt),
    receiptId: command.receiptId,
    earlier: command.earlier,
    createdAt: command.createdAt,
  };
  const jobId = await enqueueReport(tx, licence, command.key);
  await tx.insert(metrcReports).values({
    key: command.key,
    licence,
    terminalId: terminal.id,
    kind: command.kind,
    aggregateId: command.aggregateId,
    item,
    priorAttempts: command.priorAttempts,
    firstAttemptAt: command.firstAttemptAt === null ? null : new Date(command.firstAttemptAt),
    status: 'queued',
    jobId,
    receivedAt: now,
  });
}

export interface MetrcConnectionSettings {
  readonly baseUrl: string;
  readonly apiVersion: 'v1' | 'v2';
  readonly licenseNumber: string;
  readonly vendorKey: string;
  readonly userKey: string;
  readonly enabled: boolean;
}

/** The licence's Metrc connection, set by an admin on the store server (`store-metrc-set`); the keys are sealed. */
export async function setMetrcConnection(
  db: StoreDb,
  key: StoreSealingKey,
  input: { baseUrl: string; apiVersion: string; vendorKey: string; userKey: string; enabled: boolean },
  now: Date,
): Promise<{ licence: string; baseUrl: string; apiVersion: 'v1' | 'v2'; enabled: boolean }> {
  const { licence } = (await readStoreSettings(db)).identity;
  if (!URL.canParse(input.baseUrl) || !isServiceAddress(input.baseUrl))
    throw new AppError('INVALID_ARGUMENTS', 'The Metrc address must be a URL starting with https:// (http:// only for localhost).');
  const apiVersion = input.apiVersion === 'v1' || input.apiVersion === 'v2' ? input.apiVersion : null;
  if (apiVersion === null) throw new AppError('INVALID_ARGUMENTS', 'The Metrc API version is v1 or v2.');
  if (input.vendorKey.trim() === '' || input.userKey.trim() === '')
    throw new AppError('INVALID_ARGUMENTS', 'Give both Metrc keys: the vendor key and the user key.');
  const row: typeof metrcConnection.$inferInsert = {
    licence,
    baseUrl: input.baseUrl,
    apiVersion,
    vendorKeySealed: seal(key, VENDOR_KEY_FIELD, input.vendorKey),
    userKeySealed: seal(key, USER_KEY_FIELD, input.userKey),
    enabled: input.enabled,
    updatedAt: now,
  };
  await db.insert(metrcConnection).values(row).onConflictDoUpdate({ target: metrcConnection.licence, set: row });
  return { licence, baseUrl: input.baseUrl, apiVersion, enabled: input.enabled };
}

/** The store's licence and its Metrc connection with the keys opened (for the reporter only), or null: not set up. */
export async function loadMetrcConnection(db: StoreDb, key: StoreSealingKey): Promise<MetrcConnectionSettings | null> {
  const settings = await readStoreSettings(db).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'STORE_NOT_SET_UP') return null;
    throw error;
  });
  if (settings === null) return null;
  const [row] = await db.select().from(metrcConnection).where(eq(metrcConnection.licence, settings.identity.licence));
  if (row === undefined) return null;
  return {
    baseUrl: row.baseUrl,
    apiVersion: row.apiVersion,
    licenseNumber: row.licence,
    vendorKey: unseal(key, VENDOR_KEY_FIELD, row.vendorKeySealed),
    userKey: unseal(key, USER_KEY_FIELD, row.userKeySealed),
    enabled: row.enabled,
  };
}

/**
 * What the licence's reporter still owes, for every lease answer: registers
 * count it in their state backlog and reporting deadline (a sale handed
 * over is not yet in Metrc).
 */
export async function metrcBacklog(
  db: StoreDb,
  licence: string,
): Promise<{ reporting: boolean; queued: number; parked: number; oldestQueuedAt: string | null }> {
  const [connection] = await db.select({ enabled: metrcConnection.enabled }).from(metrcConnection).where(eq(metrcConnection.licence, licence));
  const rows = await db
    .select({
      status: metrcReports.status,
      n: sql<number>`count(*)::int`,
      oldestMs: sql<number | null>`(extract(epoch from min(${metrcReports.receivedAt})) * 1000)::float8`,
    })
    .from(metrcReports)
    .where(and(eq(metrcReports.licence, licence), inArray(metrcReports.status, ['queued', 'parked'])))
    .groupBy(metrcReports.status);
  const queued = rows.find((r) => r.status === 'queued');
  return {
    reporting: connection?.enabled === true,
    queued: queued?.n ?? 0,
    parked: rows.find((r) => r.status === 'parked')?.n ?? 0,
    oldestQueuedAt: queued?.oldestMs == null ? null : new Date(Number(queued.oldestMs)).toISOString(),
  };
}

/** `store-metrc-status`: the licence's reports and its pg-boss queue, and what waits for staff. */
export async function metrcStatus(db: StoreDb) {
  const { licence } = (await readStoreSettings(db)).identity;
  const [connection] = await db
    .select({ enabled: metrcConnection.enabled, baseUrl: metrcConnection.baseUrl })
    .from(metrcConnection)
    .where(eq(metrcConnection.licence, licence));
  const counts = await db
    .select({ status: metrcReports.status, n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${metrcReports.receivedAt})::text` })
    .from(metrcReports)
    .where(eq(metrcReports.licence, licence))
    .groupBy(metrcReports.status);
  const by = new Map(counts.map((c) => [c.status, c]));
  const parked = await db
    .select({
      key: metrcReports.key,
      kind: metrcReports.kind,
      aggregateId: metrcReports.aggregateId,
      terminalId: metrcReports.terminalId,
      error: metrcReports.lastError,
    })
    .from(metrcReports)
    .where(and(eq(metrcReports.licence, licence), eq(metrcReports.status, 'parked')))
    .orderBy(asc(metrcReports.seq))
    .limit(100);
  return {
    licence,
    connection: connection === undefined ? null : { baseUrl: connection.baseUrl, enabled: connection.enabled },
    reports: {
      queued: by.get('queued')?.n ?? 0,
      delivered: by.get('delivered')?.n ?? 0,
      parked: by.get('parked')?.n ?? 0,
      resolved: by.get('resolved')?.n ?? 0,
      oldestQueuedAt: by.get('queued')?.oldest ?? null,
    },
    jobs: await metrcJobCounts(db, licence),
    parked,
  };
}

/**
 * Staff sends a parked report again (after fixing what Metrc refused), or
 * every parked one (`'all'`: wrong or expired keys park the whole queue):
 * each gets a new job, and the attempts it kept make it look before it posts.
 */
export async function retryParkedReports(db: StoreDb, which: { key: string } | 'all'): Promise<{ retried: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(metrcReports)
      .set({ status: 'queued', lastError: null, settledAt: null })
      .where(and(eq(metrcReports.status, 'parked'), which === 'all' ? undefined : eq(metrcReports.key, which.key)))
      .returning({ key: metrcReports.key, licence: metrcReports.licence, seq: metrcReports.seq });
    if (rows.length === 0)
      throw new AppError(
        'STORE_METRC_NOT_PARKED',
        which === 'all' ? 'No Metrc report is parked.' : `No parked Metrc report ${which.key} (it may have been dealt with).`,
      );
    for (const row of rows.sort((a, b) => a.seq - b.seq)) {
      const jobId = await enqueueReport(tx, row.licence, row.key);
      await tx.update(metrcReports).set({ jobId }).where(eq(metrcReports.key, row.key));
    }
    return { retried: rows.length };
  });
}

/** Staff settles a parked report by hand (e.g. entered on the Metrc site), with a reason; what waited behind it goes on. */
export async function resolveParkedReport(db: StoreDb, key: string, reason: string, now: Date) {
  if (reason.trim() === '') throw new AppError('INVALID_ARGUMENTS', 'Say why the report is resolved (e.g. entered on the Metrc site).');
  const [row] = await db
    .update(metrcReports)
    .set({ status: 'resolved', resolution: reason.trim(), settledAt: now })
    .where(and(eq(metrcReports.key, key), eq(metrcReports.status, 'parked')))
    .returning({ key: metrcReports.key });
  if (row === undefined) throw new AppError('STORE_METRC_NOT_PARKED', `No parked Metrc report ${key} (it may have been dealt with).`);
  return { key, status: 'resolved' as const };
}
