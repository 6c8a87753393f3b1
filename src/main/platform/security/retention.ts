import { DateTime, IANAZone } from 'luxon';
import { AppError } from '../../../shared/errors';

/**
 * Which adult-use ID data to purge.
 *
 * States differ on whether and how long a retailer may keep data captured
 * from an adult-use customer's ID (some restrict keeping it beyond the age
 * check; others let the store keep it with consent, e.g. for loyalty), and
 * the rules change. So Greentill ships NO default: the store's compliance
 * officer (permission `compliance.configure`) must choose "never retain" or
 * "retain N days", and the choice is recorded with who made it and when.
 * ⚠ No state's rule is encoded here; verify with counsel for each licence.
 *
 * Out of scope: medical patients' records, which state medical programs
 * require keeping. Holds always win: ID data captured for IRS Form 8300
 * (cash over $10,000; a copy is kept 5 years, IRC §6050I), an open
 * investigation, or a sale still in progress carries a `hold` and is kept.
 */
export type AdultUseIdRetention = { readonly retain: 'never' } | { readonly retain: 'days'; readonly days: number };

export interface AdultUseIdRetentionSetting {
  readonly policy: AdultUseIdRetention;
  readonly chosenByStaffId: string;
  /** UTC epoch ms. */
  readonly chosenAt: number;
}

export interface IdDataRecord {
  readonly id: string;
  readonly purpose: 'adult_use' | 'medical';
  /** When the ID data was captured, UTC epoch ms. */
  readonly capturedAt: number;
  /** Why it must be kept regardless (e.g. `form_8300`, `investigation`, `open_sale`), or null. */
  readonly hold: string | null;
}

export const MAX_RETENTION_DAYS = 3650;

export function assertRetentionPolicy(policy: AdultUseIdRetention): void {
  switch (policy.retain) {
    case 'never':
      return;
    case 'days':
      if (!Number.isInteger(policy.days) || policy.days < 1 || policy.days > MAX_RETENTION_DAYS) {
        throw new AppError('INVALID_INPUT', `Retention must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}.`, { days: policy.days });
      }
      return;
    default: {
      const unreachable: never = policy;
      throw new AppError('INVALID_INPUT', 'Unknown retention setting.', { policy: unreachable });
    }
  }
}

function assertZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone)) throw new AppError('INVALID_INPUT', `Unknown store time zone "${timeZone}".`);
}

/**
 * When a record captured at `capturedAt` becomes due for purging. "N days"
 * means N calendar days in the store's zone (DST-safe), not N × 24 h.
 */
export function purgeDueAt(policy: AdultUseIdRetention, capturedAt: number, timeZone: string): number {
  assertRetentionPolicy(policy);
  assertZone(timeZone);
  switch (policy.retain) {
    case 'never':
      return capturedAt;
    case 'days':
      return DateTime.fromMillis(capturedAt, { zone: timeZone }).plus({ days: policy.days }).toMillis();
    default: {
      const unreachable: never = policy;
      return unreachable;
    }
  }
}

/**
 * Ids of the adult-use ID records to purge now. A record whose capture time
 * is unreadable is purged: we cannot show it is inside the window, and
 * keeping personal data by accident is the worse failure (holds still win).
 */
export function adultUseIdDataToPurge(setting: AdultUseIdRetentionSetting, records: readonly IdDataRecord[], now: number, timeZone: string): string[] {
  assertRetentionPolicy(setting.policy);
  assertZone(timeZone);
  return records
    .filter((r) => r.purpose === 'adult_use' && r.hold === null)
    .filter((r) => !Number.isFinite(r.capturedAt) || purgeDueAt(setting.policy, r.capturedAt, timeZone) <= now)
    .map((r) => r.id);
}
