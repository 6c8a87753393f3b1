import type { Handlers } from '../../core/handler';
import { appendAudit } from '../../platform/audit/log';
import { writeTransaction } from '../../platform/db/transaction';
import { signedIn } from '../../core/signed-in';
import { readSetting, writeSetting } from '../store/settings';
import { queueSettingForStore } from '../store-link/store-commands';
import { purgeAdultUseIdData } from './id-verification';
import { adultUseIdRetentionSetting } from './retention-setting';

export const retentionHandlers: Handlers<'id-retention-get' | 'id-retention-set'> = {
  'id-retention-get': (_input, ctx) => {
    const setting = readSetting(ctx.db, adultUseIdRetentionSetting);
    return setting === null
      ? { policy: { retain: 'never' as const }, chosenBy: null, chosenAt: null }
      : { policy: setting.policy, chosenBy: setting.chosenByStaffId, chosenAt: new Date(setting.chosenAt).toISOString() };
  },

  /** A shorter window applies at once here (data now outside it is purged in the same call), within the hour at the store's other registers. */
  'id-retention-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      const before = readSetting(tx, adultUseIdRetentionSetting);
      const chosen = { policy: input.policy, chosenByStaffId: staffId, chosenAt: now.getTime() };
      writeSetting(tx, adultUseIdRetentionSetting, chosen, now);
      // One window for the store: every register reads it back and its hourly sweep applies it (core/retention-sweeps.ts).
      queueSettingForStore(tx, 'compliance.adult_use_id_retention', chosen, now);
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'setting.id_retention',
        entityType: 'setting',
        entityId: adultUseIdRetentionSetting.key,
        before: before?.policy ?? null,
        after: input.policy,
      });
    });
    return purgeAdultUseIdData(ctx.db, now);
  },
};
