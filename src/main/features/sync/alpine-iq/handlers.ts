import type { Handlers } from '../../../core/handler';
import { signedIn } from '../../../core/signed-in';
import { appendAudit } from '../../../platform/audit/log';
import { writeTransaction } from '../../../platform/db/transaction';
import { readSetting } from '../../store/settings';
import { loyaltyFeedSetting, saveLoyaltyFeedSettings } from './settings';

export const loyaltyFeedHandlers: Handlers<'loyalty-feed-settings-get' | 'loyalty-feed-settings-set'> = {
  'loyalty-feed-settings-get': (_input, ctx) => {
    const stored = readSetting(ctx.db, loyaltyFeedSetting);
    return { configured: stored !== null, baseUrl: stored?.baseUrl ?? null, enabled: stored?.enabled ?? false };
  },

  'loyalty-feed-settings-set': async (input, ctx) => {
    const staffId = signedIn(ctx);
    writeTransaction(ctx.db, (tx) => {
      saveLoyaltyFeedSettings(tx, ctx.piiKeys, input, ctx.now());
      // The key never enters the audit log; the change and its author do.
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.loyalty_feed',
        entityType: 'setting',
        entityId: loyaltyFeedSetting.key,
        after: { baseUrl: input.baseUrl, enabled: input.enabled },
      });
    });
    await ctx.sync.reconfigure();
    return { configured: true as const };
  },
};
