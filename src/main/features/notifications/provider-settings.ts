import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { smsProviderSettings } from '../../platform/db/schema';
import type { RegisterTx } from '../../platform/db/transaction';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { alpineIqSmsProvider, httpsSmsProvider, type SmsProvider } from './providers';

const SECRET_COLUMN = 'sms_provider_settings.secret_sealed';
const ROW = 'provider';

export interface SmsProviderInput {
  readonly kind: 'https' | 'alpine_iq';
  readonly url: string;
  readonly secret: string;
  readonly enabled: boolean;
}

/** Saves the store's SMS provider: https only (http on this computer), the key sealed. */
export function saveSmsProvider(db: RegisterDb | RegisterTx, keys: PiiKeys, input: SmsProviderInput, by: string | null, now: Date): void {
  const url = input.url.trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^/@\s]+/.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(url))
    throw new AppError(
      'SMS_PROVIDER_INVALID',
      'The SMS provider address must use https:// (http:// only on this computer) and contain no user name or password.',
    );
  const secret = input.secret.trim();
  if (secret.length < 16 || secret.length > 200) throw new AppError('SMS_PROVIDER_INVALID', 'The SMS provider key or signing secret is 16–200 characters.');
  const row = {
    id: ROW,
    kind: input.kind,
    url,
    secretSealed: encryptField(keys.encryption, SECRET_COLUMN, secret),
    enabled: input.enabled,
    updatedAt: now,
    updatedBy: by,
  };
  db.insert(smsProviderSettings).values(row).onConflictDoUpdate({ target: smsProviderSettings.id, set: row }).run();
}

/** What a screen may see: never the key. */
export function smsProviderView(db: RegisterDb): { kind: 'https' | 'alpine_iq'; url: string; enabled: boolean; updatedAt: string } | null {
  const row = db.select().from(smsProviderSettings).where(eq(smsProviderSettings.id, ROW)).get();
  return row === undefined ? null : { kind: row.kind, url: row.url, enabled: row.enabled, updatedAt: row.updatedAt.toISOString() };
}

/** The provider texts go through, or null when none is set up or it is switched off. */
export function smsProviderFor(db: RegisterDb, keys: PiiKeys): SmsProvider | null {
  const row = db.select().from(smsProviderSettings).where(eq(smsProviderSettings.id, ROW)).get();
  if (row === undefined || !row.enabled) return null;
  const secret = decryptField(keys.encryption, SECRET_COLUMN, row.secretSealed);
  return row.kind === 'alpine_iq' ? alpineIqSmsProvider({ baseUrl: row.url, apiKey: secret }) : httpsSmsProvider({ url: row.url, secret });
}
