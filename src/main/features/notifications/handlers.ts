import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { writeTransaction } from '../../platform/db/transaction';
import { saveSmsProvider, smsProviderView } from './provider-settings';
import { saveStorePhone } from './help-reply';

/** The SMS provider's settings (issue #21): an admin's, like Metrc's keys; audited without the key. */
export const notificationHandlers: Handlers<'sms-provider-get' | 'sms-provider-set' | 'sms-store-phone-set'> = {
  'sms-provider-get': (_input, ctx) => {
    signedIn(ctx);
    return { provider: smsProviderView(ctx.db) };
  },
  'sms-provider-set': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      saveSmsProvider(tx, ctx.piiKeys, input, staffId, now);
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.sms_provider',
        entityType: 'sms_provider_settings',
        entityId: 'provider',
        after: { kind: input.kind, url: input.url, enabled: input.enabled },
      });
    });
    await ctx.sync.reconfigure();
    return { provider: smsProviderView(ctx.db) };
  },
  'sms-store-phone-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    const storePhone = writeTransaction(ctx.db, (tx) => {
      const phone = saveStorePhone(tx, input.phone, now);
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.store_phone',
        entityType: 'setting',
        entityId: 'notifications.store_phone',
        after: { phone },
      });
      return phone;
    });
    return { storePhone };
  },
};
