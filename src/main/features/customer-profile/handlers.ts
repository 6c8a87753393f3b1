import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { and, eq } from 'drizzle-orm';
import { preferenceOptions } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { findCustomersByContact, openContactDetails, writeContactDetails } from './contact-details';
import { customerOfThisStore, profileOf, summaryOf } from './profile';
import { recordCounterEmailConsent } from './email-opt-ins';
import { preferenceOptionsOf, writePreferences } from './preferences';
import { purchaseHistory } from './purchase-history';
import { recordCounterConsent } from './sms-opt-ins';

/** The CRM profile's commands (issue #22); audit entries say what changed, never the phone or email. */
type ProfileCommand =
  | 'customer-profile'
  | 'customer-contact-set'
  | 'customer-find-by-contact'
  | 'customer-sms-consent'
  | 'customer-purchases'
  | 'customer-email-consent'
  | 'preference-option-save'
  | 'preference-option-list'
  | 'customer-preferences-set';

export const customerProfileHandlers: Handlers<ProfileCommand> = {
  'customer-profile': (input, ctx) => profileOf(ctx.db, ctx.piiKeys, customerOfThisStore(ctx.db, ctx.terminalId, input.customerId)),

  'customer-contact-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const before = customerOfThisStore(tx, ctx.terminalId, input.customerId);
      const changed = writeContactDetails(tx, ctx.piiKeys, before.id, { phone: input.phone, email: input.email });
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'customer.contact',
        entityType: 'customer',
        entityId: before.id,
        before: { phone: before.phone !== null, email: before.email !== null },
        after: changed,
      });
      return profileOf(tx, ctx.piiKeys, customerOfThisStore(tx, ctx.terminalId, before.id));
    });
  },

  'customer-find-by-contact': (input, ctx) => ({
    items: findCustomersByContact(ctx.db, ctx.piiKeys, storeIdOfTerminal(ctx.db, ctx.terminalId), input.contact).map((row) => summaryOf(ctx.piiKeys, row)),
  }),

  'customer-sms-consent': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const row = customerOfThisStore(tx, ctx.terminalId, input.customerId);
      const at = ctx.now();
      recordCounterConsent(tx, ctx.piiKeys, openContactDetails(ctx.piiKeys, row).phone, { ...input, staffId }, at);
      appendAudit(tx, {
        at,
        staffId,
        terminalId: ctx.terminalId,
        action: 'customer.sms_consent',
        entityType: 'customer',
        entityId: row.id,
        after: { action: input.action, kind: input.kind, written: input.written, source: 'counter' },
      });
      return profileOf(tx, ctx.piiKeys, row);
    });
  },

  'customer-purchases': (input, ctx) => purchaseHistory(ctx.db, customerOfThisStore(ctx.db, ctx.terminalId, input.customerId).id, input.cursor, input.limit),

  'customer-email-consent': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const row = customerOfThisStore(tx, ctx.terminalId, input.customerId);
      const at = ctx.now();
      recordCounterEmailConsent(tx, ctx.piiKeys, openContactDetails(ctx.piiKeys, row).email, { ...input, staffId }, at);
      appendAudit(tx, {
        at,
        staffId,
        terminalId: ctx.terminalId,
        action: 'customer.email_consent',
        entityType: 'customer',
        entityId: row.id,
        after: { action: input.action, kind: 'marketing', source: 'counter' },
      });
      return profileOf(tx, ctx.piiKeys, row);
    });
  },

  'preference-option-save': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const storeId = storeIdOfTerminal(tx, ctx.terminalId);
      const at = ctx.now();
      const before = tx
        .select()
        .from(preferenceOptions)
        .where(and(eq(preferenceOptions.storeId, storeId), eq(preferenceOptions.key, input.key)))
        .get();
      tx.insert(preferenceOptions)
        .values({ storeId, key: input.key, kind: input.kind, label: input.label, active: input.active, createdAt: at })
        .onConflictDoUpdate({ target: [preferenceOptions.storeId, preferenceOptions.key], set: { kind: input.kind, label: input.label, active: input.active } })
        .run();
      appendAudit(tx, {
        at,
        staffId,
        terminalId: ctx.terminalId,
        action: 'preference_option.save',
        entityType: 'preference_option',
        entityId: input.key,
        ...(before === undefined ? {} : { before: { kind: before.kind, label: before.label, active: before.active } }),
        after: { kind: input.kind, label: input.label, active: input.active },
      });
      return { key: input.key };
    });
  },

  'preference-option-list': (input, ctx) => ({ items: preferenceOptionsOf(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.includeRetired) }),

  'customer-preferences-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const row = customerOfThisStore(tx, ctx.terminalId, input.customerId);
      const chosen = writePreferences(tx, ctx.piiKeys, row.storeId, row.id, input.keys);
      // The count only: what a customer prefers is sealed, and so stays out of the log.
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'customer.preferences',
        entityType: 'customer',
        entityId: row.id,
        after: { count: chosen.length },
      });
      return profileOf(tx, ctx.piiKeys, customerOfThisStore(tx, ctx.terminalId, row.id));
    });
  },
};
