import { randomUUID } from 'node:crypto';
import { and, eq, isNull, isNotNull, or } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/log';
import { idVerifications, stores } from '../../platform/db/schema';
import { checkpointToDisk, type RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { encryptField, lookupHash, type PiiKeys } from '../../platform/security/pii-crypto';
import { adultUseIdDataToPurge } from '../../platform/security/retention';
import { readSetting } from '../store/settings';
import { adultUseIdRetentionSetting } from './retention-setting';

const ID_NUMBER_COLUMN = 'id_verifications.id_number';
const DATE_OF_BIRTH_COLUMN = 'id_verifications.date_of_birth';
const EXPIRY_COLUMN = 'id_verifications.document_expiry';

export interface IdVerificationInput {
  readonly storeId: string;
  readonly customerId: string | null;
  readonly saleType: 'adult_use' | 'medical';
  readonly method: 'scanned' | 'manual';
  readonly verifiedBy: string;
  readonly outcome: 'accepted' | 'refused';
  readonly refusalCode: string | null;
  readonly issuer: string | null;
  /** The limits' person (HMAC of issuer and number): kept for the limit ledger's look-back, not by the retention setting. */
  readonly personKey?: string | null;
  readonly localPersonKey?: string | null;
  readonly resident?: boolean | null;
  readonly expirySource?: 'barcode' | 'card_face' | 'typed' | null;
  readonly idData: { readonly idNumber: string; readonly dateOfBirth: string; readonly expiry: string };
  readonly now: Date;
}

/**
 * Records one ID check. Medical check-ins keep their ID data (state medical
 * programs require it); adult-use ones keep it only when the store's
 * retention setting allows, and never in clear.
 */
export function recordIdVerification(tx: RegisterTx, keys: PiiKeys, input: IdVerificationInput): string {
  const retention = readSetting(tx, adultUseIdRetentionSetting);
  const keep = input.saleType === 'medical' || (retention !== null && retention.policy.retain === 'days');
  const id = randomUUID();
  tx.insert(idVerifications)
    .values({
      id,
      storeId: input.storeId,
      customerId: input.customerId,
      saleType: input.saleType,
      method: input.method,
      verifiedBy: input.verifiedBy,
      verifiedAt: input.now,
      outcome: input.outcome,
      refusalCode: input.refusalCode,
      issuer: input.issuer,
      personKey: input.personKey ?? null,
      localPersonKey: input.localPersonKey ?? null,
      resident: input.resident ?? null,
      expirySource: input.expirySource ?? null,
      ...(keep
        ? {
            idNumberSealed: encryptField(keys.encryption, ID_NUMBER_COLUMN, input.idData.idNumber),
            idNumberLookup: lookupHash(keys.lookup, ID_NUMBER_COLUMN, input.idData.idNumber),
            // Retained ID data is sealed like the number: the birth date and expiry identify a person too.
            dateOfBirth: encryptField(keys.encryption, DATE_OF_BIRTH_COLUMN, input.idData.dateOfBirth),
            documentExpiry: input.idData.expiry === '' ? null : encryptField(keys.encryption, EXPIRY_COLUMN, input.idData.expiry),
          }
        : {}),
    })
    .run();
  return id;
}

/**
 * Purges adult-use ID data that the retention setting no longer allows:
 * the verification record stays (that a check happened), the data goes.
 * Runs at start-up and on demand (`npm run -s cli -- purge-id-data`).
 */
export function purgeAdultUseIdData(db: RegisterDb, now: Date): { purged: number } {
  const result = writeTransaction(db, (tx) => {
    const retention = readSetting(tx, adultUseIdRetentionSetting) ?? { policy: { retain: 'never' as const }, chosenByStaffId: 'default', chosenAt: 0 };
    const rows = tx
      .select({ id: idVerifications.id, capturedAt: idVerifications.verifiedAt, hold: idVerifications.hold, timeZone: stores.timeZone })
      .from(idVerifications)
      .innerJoin(stores, eq(stores.id, idVerifications.storeId))
      .where(
        and(
          eq(idVerifications.saleType, 'adult_use'),
          isNull(idVerifications.purgedAt),
          or(isNotNull(idVerifications.idNumberSealed), isNotNull(idVerifications.dateOfBirth)),
        ),
      )
      .all();
    let purged = 0;
    const byZone = new Map<string, typeof rows>();
    for (const row of rows) byZone.set(row.timeZone, [...(byZone.get(row.timeZone) ?? []), row]);
    for (const [timeZone, group] of byZone) {
      const due = adultUseIdDataToPurge(
        retention,
        group.map((r) => ({ id: r.id, purpose: 'adult_use', capturedAt: r.capturedAt.getTime(), hold: r.hold })),
        now.getTime(),
        timeZone,
      );
      for (const id of due) {
        tx.update(idVerifications)
          .set({ idNumberSealed: null, idNumberLookup: null, dateOfBirth: null, documentExpiry: null, purgedAt: now })
          .where(eq(idVerifications.id, id))
          .run();
        purged += 1;
      }
    }
    if (purged > 0)
      appendAudit(tx, {
        at: now,
        staffId: null,
        terminalId: null,
        action: 'id_data.purge',
        entityType: 'id_verifications',
        entityId: 'retention',
        after: { purged, policy: retention.policy },
      });
    return { purged };
  });
  // Purged means gone from the disk too: secure_delete zeroes the freed pages, the checkpoint empties the WAL of the old ones.
  if (result.purged > 0) checkpointToDisk(db);
  return result;
}
