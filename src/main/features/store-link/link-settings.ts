import { eq } from 'drizzle-orm';
import type { RegisterDb } from '../../platform/db/open';
import { PERSON_KEY_SECRET_COLUMN, storeLink, storeOrderSource } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { decryptField, encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { DEFAULT_ISOLATION_POLICY, type StoreIsolationPolicy } from '../../../shared/domain/compliance/isolation-policy';
import type { StoreLink } from './store-client';

const CREDENTIAL_COLUMN = 'store_link.credential_sealed';

const ROW = 1;
const READS_URL_COLUMN = 'store_link.reads_url_sealed';

/** Keeps the pairing: the credential sealed with the register's data key, the certificate pinned in clear (it is public). */
export function saveStoreLink(db: RegisterDb | RegisterTx, keys: PiiKeys, link: StoreLink, now: Date): void {
  const row = {
    id: ROW,
    url: link.url,
    serverTerminalId: link.terminalId,
    credentialSealed: encryptField(keys.encryption, CREDENTIAL_COLUMN, link.credential),
    personKeySecretSealed: encryptField(keys.encryption, PERSON_KEY_SECRET_COLUMN, link.personKeySecret),
    readsUrlSealed: link.reads === null ? null : encryptField(keys.encryption, READS_URL_COLUMN, link.reads.url),
    readsSlot: link.reads?.slot ?? null,
    readsPublication: link.reads?.publication ?? null,
    readLsn: null,
    certificate: link.certificate,
    fingerprint: link.fingerprint,
    pairedAt: now,
    isolationPolicy: null,
    configVersion: 0,
    lastContactAt: null,
    designated: false,
  };
  db.insert(storeLink).values(row).onConflictDoUpdate({ target: storeLink.id, set: row }).run();
}

export function loadStoreLink(db: RegisterDb, keys: PiiKeys): StoreLink | null {
  const row = db.select().from(storeLink).where(eq(storeLink.id, ROW)).get();
  if (row === undefined) return null;
  return {
    url: row.url,
    terminalId: row.serverTerminalId,
    credential: decryptField(keys.encryption, CREDENTIAL_COLUMN, row.credentialSealed),
    personKeySecret: decryptField(keys.encryption, PERSON_KEY_SECRET_COLUMN, row.personKeySecretSealed),
    reads:
      row.readsUrlSealed === null || row.readsSlot === null || row.readsPublication === null
        ? null
        : { url: decryptField(keys.encryption, READS_URL_COLUMN, row.readsUrlSealed), slot: row.readsSlot, publication: row.readsPublication },
    certificate: row.certificate,
    fingerprint: row.fingerprint,
  };
}

/** Whether this register is part of a store with a server (its sales then also go to the store lane). */
export function isStoreLinked(db: RegisterDb | RegisterTx): boolean {
  return db.select({ id: storeLink.id }).from(storeLink).where(eq(storeLink.id, ROW)).get() !== undefined;
}

export function forgetStoreLink(db: RegisterDb | RegisterTx): void {
  db.delete(storeLink).where(eq(storeLink.id, ROW)).run();
}

export interface StoreLinkView {
  readonly url: string;
  readonly serverTerminalId: string;
  readonly fingerprint: string;
  readonly pairedAt: string;
  readonly lastContactAt: string | null;
  readonly configVersion: number;
  readonly designated: boolean;
  readonly isolation: StoreIsolationPolicy;
}

/** What the Sync screen may see: never the credential. */
export function storeLinkView(db: RegisterDb): StoreLinkView | null {
  const row = db.select().from(storeLink).where(eq(storeLink.id, ROW)).get();
  if (row === undefined) return null;
  return {
    url: row.url,
    serverTerminalId: row.serverTerminalId,
    fingerprint: row.fingerprint,
    pairedAt: row.pairedAt.toISOString(),
    lastContactAt: row.lastContactAt?.toISOString() ?? null,
    configVersion: row.configVersion,
    designated: row.designated,
    isolation: row.isolationPolicy === null ? DEFAULT_ISOLATION_POLICY : (JSON.parse(row.isolationPolicy) as StoreIsolationPolicy),
  };
}

/** What the server said at the last lease: kept, so an isolated register still follows the store's policy. */
export function recordContact(
  db: RegisterDb,
  answer: {
    readonly at: Date;
    readonly isolation: StoreIsolationPolicy;
    readonly configVersion: number;
    readonly designated: boolean;
    /** The store server pulls the store's online orders (issue #21): this register then does not (online-orders/store-orders.ts). */
    readonly ordersPulled?: boolean;
  },
): void {
  writeTransaction(db, (tx) => {
    tx.update(storeLink)
      .set({ lastContactAt: answer.at, isolationPolicy: JSON.stringify(answer.isolation), configVersion: answer.configVersion, designated: answer.designated })
      .where(eq(storeLink.id, ROW))
      .run();
    if (answer.ordersPulled === true) tx.insert(storeOrderSource).values({ id: 'store', since: answer.at }).onConflictDoNothing().run();
    else tx.delete(storeOrderSource).run();
  });
}
