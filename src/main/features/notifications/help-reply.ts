import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { helpReply, isStopped } from '../../../shared/domain/notifications/consent';
import { AppError } from '../../../shared/errors';
import { smsMessages, stores } from '../../platform/db/schema';
import type { RegisterDb } from '../../platform/db/open';
import type { RegisterTx } from '../../platform/db/transaction';
import { encryptField, type PiiKeys } from '../../platform/security/pii-crypto';
import { readSetting, writeSetting, type Setting } from '../store/settings';
import { ledgerOf, phoneLookup, phoneOf } from './ledger';
import { queueSend, SMS_PHONE_COLUMN } from './texts';

/** The store's phone number customers are given in answer to HELP (E.164); null: the store's address is given instead. */
export const storePhoneSetting: Setting<string | null> = {
  key: 'notifications.store_phone',
  schema: z
    .string()
    .regex(/^\+[1-9]\d{9,14}$/)
    .nullable(),
  defaultValue: null,
};

/** A number answered within this long gets no second answer: a HELP sent again and again is not a conversation. */
export const HELP_REPLY_INTERVAL_MS = 60 * 60_000;

export type HelpReplyOutcome = 'queued' | 'stopped' | 'answered_recently';

/**
 * Answers a HELP (or INFO) a customer texted: one transactional reply with
 * the store's name, how to reach it (the phone in settings, else its
 * address) and how to stop, queued on the SMS lane in the caller's
 * transaction (the texts feed's, with its cursor: a HELP pulled twice is
 * answered once).
 *
 * Never to a number whose latest keyword is STOP (the ledger, read here and
 * again by the lane at send time); at most once an hour per number.
 *
 * Quiet hours and the 24 h cap: the lane applies them to this answer as to
 * any text. CTIA's handbook expects HELP answered promptly, and the TCPA's
 * 8 am–9 pm rule is written for calls the business initiates — but our
 * references state the window for every text ("TCPA: texts 8 am–9 pm in the
 * recipient's time zone", /work/shared/reference/orders.md; "texts only
 * 8 am–9 pm recipient-local time", compliance.md; FL/OK 8 am–8 pm and 3 per
 * 24 h). Unsure, we take the stricter reading: a HELP at 11 pm is answered
 * at 8 am. ⚠ verify with counsel whether a HELP answer may go at once.
 * Consent is the one thing not asked: the number itself asked for the answer.
 */
export function replyToHelpIn(tx: RegisterTx, keys: PiiKeys, input: { readonly from: string; readonly now: Date }): HelpReplyOutcome {
  const phone = phoneOf(input.from);
  if (isStopped(ledgerOf(tx, keys, phone), phone)) return 'stopped';
  const lookup = phoneLookup(keys, phone);
  const recent = tx
    .select({ id: smsMessages.id })
    .from(smsMessages)
    .where(
      and(
        eq(smsMessages.phoneLookup, lookup),
        eq(smsMessages.answersKeyword, 'help'),
        gt(smsMessages.createdAt, new Date(input.now.getTime() - HELP_REPLY_INTERVAL_MS)),
      ),
    )
    .get();
  if (recent !== undefined) return 'answered_recently';
  const store = tx.select({ name: stores.name, state: stores.state, timeZone: stores.timeZone, address: stores.address }).from(stores).get();
  if (store === undefined) throw new AppError('TERMINAL_NOT_SET_UP', 'This store is not set up in the database. Call IT support.');
  const id = randomUUID();
  tx.insert(smsMessages)
    .values({
      id,
      phoneLookup: lookup,
      phoneSealed: encryptField(keys.encryption, SMS_PHONE_COLUMN, phone),
      kind: 'transactional',
      orderPlatform: null,
      // The number's own zone is not known: the store's, as for order texts.
      recipientTimeZone: store.timeZone,
      recipientState: store.state,
      body: helpReply(store.name, readSetting(tx, storePhoneSetting) ?? store.address),
      status: 'queued',
      answersKeyword: 'help',
      createdAt: input.now,
    })
    .run();
  queueSend(tx, id, input.now);
  return 'queued';
}

/** Sets (or clears) the phone number HELP answers give: written as any number is (+1 …, or 10 US digits). */
export function saveStorePhone(tx: RegisterTx, raw: string | null, now: Date): string | null {
  const phone = raw === null || raw.trim() === '' ? null : phoneOf(raw);
  writeSetting(tx, storePhoneSetting, phone, now);
  return phone;
}

export function storePhone(db: RegisterDb | RegisterTx): string | null {
  return readSetting(db, storePhoneSetting);
}
