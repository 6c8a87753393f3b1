import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { writeTransaction } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { findCustomersByContact, openContactDetails, writeContactDetails } from './contact-details';
import { customerOfThisStore, profileOf, summaryOf } from './profile';
import { purchaseHistory } from './purchase-history';
import { recordCounterConsent } from './sms-opt-ins';

/** The CRM profile's commands (issue #22); audit entries say what changed, never the phone or email. */
export const customerProfileHandlers: Handlers<
  'customer-profile' | 'customer-contact-set' | 'customer-find-by-contact' | 'customer-sms-consent' | 'customer-purchases'
> = {
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
};
