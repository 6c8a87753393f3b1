import { z } from 'zod';
import type { RegisterDb } from '../../../platform/db/open';
import type { RegisterTx } from '../../../platform/db/transaction';
import { decryptField, encryptField, type PiiKeys } from '../../../platform/security/pii-crypto';
import { readSetting, writeSetting, type Setting } from '../../store/settings';

/** The column-like name is the ciphertext's associated data: a value copied from another setting will not decrypt. */
const API_KEY_FIELD = 'settings.loyalty_feed.api_key';

/**
 * Where the store's Alpine IQ account takes the POS feed, and its API key
 * (encrypted with the register's data key). Off until a store sets it up:
 * sales then queue nothing for it.
 */
export const loyaltyFeedSetting: Setting<{ enabled: boolean; baseUrl: string; apiKeySealed: string } | null> = {
  key: 'loyalty.feed.alpine_iq',
  schema: z.object({ enabled: z.boolean(), baseUrl: z.string(), apiKeySealed: z.string() }).nullable(),
  defaultValue: null,
};

export interface LoyaltyFeedSettings {
  readonly enabled: boolean;
  readonly baseUrl: string;
  readonly apiKey: string;
}

export function saveLoyaltyFeedSettings(tx: RegisterTx, keys: PiiKeys, settings: LoyaltyFeedSettings, now: Date): void {
  writeSetting(
    tx,
    loyaltyFeedSetting,
    { enabled: settings.enabled, baseUrl: settings.baseUrl, apiKeySealed: encryptField(keys.encryption, API_KEY_FIELD, settings.apiKey) },
    now,
  );
}

/** With the key decrypted: for the lane only, never for the renderer. */
export function loadLoyaltyFeedSettings(db: RegisterDb, keys: PiiKeys): LoyaltyFeedSettings | null {
  const stored = readSetting(db, loyaltyFeedSetting);
  return stored === null
    ? null
    : { enabled: stored.enabled, baseUrl: stored.baseUrl, apiKey: decryptField(keys.encryption, API_KEY_FIELD, stored.apiKeySealed) };
}

/** Whether sales should queue feed items now (read inside the sale's transaction). */
export function loyaltyFeedEnabled(db: RegisterDb | RegisterTx): boolean {
  return readSetting(db, loyaltyFeedSetting)?.enabled === true;
}
