import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNotNull } from 'drizzle-orm';
import type { ConsentKind } from '../../../shared/domain/notifications/consent';
import { platformAllowsCustomerTexts } from '../../../shared/domain/notifications/platforms';
import type { Recipient } from '../../../shared/domain/notifications/quiet-hours';
import { AppError } from '../../../shared/errors';
import type { RegisterDb } from '../../platform/db/open';
import { outbox, smsMessages } from '../../platform/db/schema';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { SMS_LANE } from '../sync/lanes';
import { phoneLookup, phoneOf } from './ledger';

const PHONE_COLUMN = 'sms_messages.phone_sealed';
export const SMS_PHONE_COLUMN = PHONE_COLUMN;

/** Checks customer-facing text for medical claims (the care feature's checker, passed in by whoever composes the text). */
export type ClaimCheck = (text: string) => void;

export interface TextRequest {
  readonly phone: string;
  readonly kind: ConsentKind;
  /** The marketplace of the order it is about; null for the store's own. */
  readonly orderPlatform: string | null;
  readonly recipient: Recipient;
  readonly body: string;
}

/**
 * Queues one customer text for the SMS lane. A text about an order from a
 * platform that forbids partner texts (Leafly) is never queued at all; the
 * body is checked for medical claims first. Consent, STOP, quiet hours and
 * the 24 h cap are decided when the lane sends it, so a STOP that arrives
 * in between still wins.
 */
export function queueText(
  db: RegisterDb,
  keys: PiiKeys,
  request: TextRequest,
  checkClaims: ClaimCheck,
  now: Date,
): { queued: true; id: string } | { queued: false; reason: string } {
  if (!platformAllowsCustomerTexts(request.orderPlatform))
    return { queued: false, reason: `${request.orderPlatform ?? ''} does not allow the store to text its customers` };
  const body = request.body.trim();
  if (body === '' || body.length > 480) throw new AppError('SMS_BODY_INVALID', 'A text is 1–480 characters.');
  checkClaims(body);
  const phone = phoneOf(request.phone);
  const id = randomUUID();
  writeTransaction(db, (tx) => {
    tx.insert(smsMessages)
      .values({
        id,
        phoneLookup: phoneLookup(keys, phone),
        phoneSealed: encryptField(keys.encryption, PHONE_COLUMN, phone),
        kind: request.kind,
        orderPlatform: request.orderPlatform,
        recipientTimeZone: request.recipient.timeZone,
        recipientState: request.recipient.state,
        body,
        status: 'queued',
        createdAt: now,
      })
      .run();
    queueSend(tx, id, now);
  });
  return { queued: true, id };
}

/** One attempt of the SMS lane at a message, due at `at`. */
export function queueSend(tx: RegisterTx, messageId: string, at: Date): void {
  tx.insert(outbox)
    .values({ destination: SMS_LANE, kind: 'sms.send', aggregateId: messageId, payload: { messageId }, nextAttemptAt: at, createdAt: at, updatedAt: at })
    .run();
}

/** When texts went to this number in the last 24 h (the cap counts every one). */
export function sentToNumberSince(db: RegisterDb, lookup: string, since: Date): Date[] {
  return db
    .select({ sentAt: smsMessages.sentAt })
    .from(smsMessages)
    .where(and(eq(smsMessages.phoneLookup, lookup), isNotNull(smsMessages.sentAt), gt(smsMessages.sentAt, since)))
    .all()
    .flatMap((r) => (r.sentAt === null ? [] : [r.sentAt]));
}
