import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { onlineOrderRelay } from '../../platform/db/schema';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { RelayClient, type RelayLink } from './relay-client';

/** The column name is the ciphertext's associated data: a value copied from another column will not decrypt. */
const CREDENTIAL_COLUMN = 'online_order_relay.credential_sealed';
const ROW = 'relay';

/** Where online orders come from: the relay's address and the store's credential (from the relay's `relay-store-add`), sealed. */
export function saveRelayLink(db: RegisterDb | RegisterTx, keys: PiiKeys, link: RelayLink, by: string | null, now: Date): void {
  const url = link.url.trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^/@\s]+/.test(url) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url))
    throw new AppError('RELAY_LINK_INVALID', 'The relay address must use https:// (http:// only on this computer) and contain no user name or password.');
  if (link.credential.trim().length < 20) throw new AppError('RELAY_LINK_INVALID', 'The relay credential is the long code `relay-store-add` printed.');
  const row = { id: ROW, url, credentialSealed: encryptField(keys.encryption, CREDENTIAL_COLUMN, link.credential.trim()), updatedAt: now, updatedBy: by };
  db.insert(onlineOrderRelay).values(row).onConflictDoUpdate({ target: onlineOrderRelay.id, set: row }).run();
}

export function loadRelayLink(db: RegisterDb, keys: PiiKeys): RelayLink | null {
  const row = db.select().from(onlineOrderRelay).where(eq(onlineOrderRelay.id, ROW)).get();
  if (row === undefined) return null;
  return { url: row.url, credential: decryptField(keys.encryption, CREDENTIAL_COLUMN, row.credentialSealed) };
}

/** A client for the saved relay, or null when none is set up. */
export function relayClientFor(db: RegisterDb, keys: PiiKeys): RelayClient | null {
  const link = loadRelayLink(db, keys);
  return link === null ? null : new RelayClient(link);
}

/** What a screen may see: never the credential. */
export function relayLinkView(db: RegisterDb): { url: string; updatedAt: string } | null {
  const row = db.select({ url: onlineOrderRelay.url, updatedAt: onlineOrderRelay.updatedAt }).from(onlineOrderRelay).where(eq(onlineOrderRelay.id, ROW)).get();
  return row === undefined ? null : { url: row.url, updatedAt: row.updatedAt.toISOString() };
}
