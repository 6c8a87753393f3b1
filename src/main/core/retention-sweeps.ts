import type { RegisterDatabase } from '../platform/db/open';
import { logger } from '../platform/logging/logger';
import { purgeAdultUseIdData } from '../features/check-in/id-verification';
import { purgeExpiredNotes } from '../features/care/note-retention';
import { catchUpLimitLedger, purgeLimitLedger } from '../features/compliance/limit-ledger';
import { longestLookbackDays } from '../../shared/domain/compliance/rule-packs';

/** What one sweep removed (and, for the limit ledger, entered). */
export interface RetentionSwept {
  readonly idData: number;
  readonly notes: number;
  readonly ledgerEntered: number;
  readonly ledgerPurged: number;
}

/**
 * What the register keeps only for a while goes when its time is up: adult-use
 * ID data past the store's retention setting, customer notes past the
 * record-keeping period (issue #22), limit-ledger rows no rule looks back to.
 * Run at every start, and every hour while the register runs: a register left
 * on for weeks kept ID data past its window until its next restart (issue #20
 * review), and a retention shortened at another register of the store reaches
 * this one by the read stream and applies within the hour.
 */
export function sweepRetention(database: RegisterDatabase, now: Date): RetentionSwept {
  const idData = purgeAdultUseIdData(database.db, now).purged;
  if (idData > 0) logger.info({ purged: idData }, 'adult-use ID data purged per the retention setting');
  const notes = purgeExpiredNotes(database.db, now).purged;
  if (notes > 0) logger.info({ purged: notes }, 'customer notes past the record-keeping period purged');
  // Sales an older build left out of the ledger are entered; what no rule looks back to any more goes.
  const lookback = longestLookbackDays();
  const ledgerEntered = catchUpLimitLedger(database.db, now, lookback).entered;
  const ledgerPurged = purgeLimitLedger(database.db, now, lookback).purged;
  if (ledgerEntered > 0 || ledgerPurged > 0) logger.info({ entered: ledgerEntered, purged: ledgerPurged }, 'limit ledger caught up and purged');
  return { idData, notes, ledgerEntered, ledgerPurged };
}

export const RETENTION_SWEEP_MS = 3_600_000;

/**
 * The hourly sweep. Between commands (the core is one thread, so never inside
 * a sale); it stops by itself once the database is closed. A sweep that fails
 * is logged and tried again at the next hour: retention never stops a sale.
 */
export function startRetentionSweeps(database: RegisterDatabase, options: { readonly everyMs?: number; readonly now?: () => Date } = {}): { stop(): void } {
  const now = options.now ?? (() => new Date());
  const timer = setInterval(() => {
    if (!database.sqlite.open) return clearInterval(timer);
    if (database.sqlite.inTransaction) return;
    try {
      sweepRetention(database, now());
    } catch (error) {
      logger.error({ err: error }, 'retention sweep failed; trying again at the next one');
    }
  }, options.everyMs ?? RETENTION_SWEEP_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
