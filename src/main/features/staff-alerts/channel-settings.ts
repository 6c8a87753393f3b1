import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { staffAlertSettings } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';

const SECRET_COLUMN = 'staff_alert_settings.secret_sealed';
const ROW = 'channel';
/** Until the store says otherwise: 10 pm store-local (most adult-use licences must close by then ⚠ verify per state). */
export const DEFAULT_CLOSES_AT = '22:00';

export interface StaffChannelInput {
  readonly url: string | null;
  readonly secret: string | null;
  readonly enabled: boolean;
  readonly closesAt: string;
}

/** Saves where staff alerts go (https only; http on this computer), the signing secret sealed, and the closing time. */
export function saveStaffChannel(db: RegisterDb | RegisterTx, keys: PiiKeys, input: StaffChannelInput, by: string | null, now: Date): void {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.closesAt))
    throw new AppError('STAFF_ALERT_CHANNEL_INVALID', 'The closing time is HH:MM on a 24-hour clock (e.g. 22:00).');
  const url = input.url?.trim().replace(/\/+$/, '') ?? null;
  if (url !== null && !/^https:\/\/[^/@\s]+/.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(url))
    throw new AppError(
      'STAFF_ALERT_CHANNEL_INVALID',
      'The staff channel address must use https:// (http:// only on this computer) and contain no user name or password.',
    );
  const secret = input.secret?.trim() ?? null;
  if (url !== null && (secret === null || secret.length < 16 || secret.length > 200))
    throw new AppError('STAFF_ALERT_CHANNEL_INVALID', 'The staff channel’s signing secret is 16–200 characters.');
  const row = {
    id: ROW,
    url,
    secretSealed: url === null || secret === null ? null : encryptField(keys.encryption, SECRET_COLUMN, secret),
    enabled: input.enabled && url !== null,
    closesAt: input.closesAt,
    updatedAt: now,
    updatedBy: by,
  };
  db.insert(staffAlertSettings).values(row).onConflictDoUpdate({ target: staffAlertSettings.id, set: row }).run();
}

export function staffChannelView(db: RegisterDb): { url: string | null; enabled: boolean; closesAt: string } {
  const row = db.select().from(staffAlertSettings).where(eq(staffAlertSettings.id, ROW)).get();
  return row === undefined ? { url: null, enabled: false, closesAt: DEFAULT_CLOSES_AT } : { url: row.url, enabled: row.enabled, closesAt: row.closesAt };
}

/** The webhook alerts go to, or null (none set up, or switched off). */
export function staffChannelFor(db: RegisterDb, keys: PiiKeys): { url: string; secret: string } | null {
  const row = db.select().from(staffAlertSettings).where(eq(staffAlertSettings.id, ROW)).get();
  if (row === undefined || !row.enabled || row.url === null || row.secretSealed === null) return null;
  return { url: row.url, secret: decryptField(keys.encryption, SECRET_COLUMN, row.secretSealed) };
}
