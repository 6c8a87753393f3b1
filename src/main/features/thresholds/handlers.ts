import type { StoreThresholds } from '../../../shared/contract/store-thresholds';
import type { StoreWideSetting } from '../../../shared/contract/store-server';
import type { Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import type { RegisterDb } from '../../platform/db/open';
import { writeTransaction, type RegisterTx } from '../../platform/db/transaction';
import { queueSettingForStore } from '../store-link/store-commands';
import { readSetting, writeSetting, type Setting } from '../store/settings';
import { adjustmentApprovalThresholdSetting, idleCartSetting, varianceThresholdSetting } from '../store/thresholds';

/**
 * The thresholds a manager sets on the Settings screen (issue #20). Each one
 * changed is written, audited with its before and after (the compliance
 * officer sees a manager loosen the approvals they give), and handed to the
 * store server so every register of the store applies the same; one left as
 * it was is not written again.
 */
export const thresholdHandlers: Handlers<'store-thresholds-get' | 'store-thresholds-set'> = {
  'store-thresholds-get': (_input, ctx) => currentThresholds(ctx.db),

  'store-thresholds-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    return writeTransaction(ctx.db, (tx) => {
      const save = <T>(setting: Setting<T, StoreWideSetting>, value: T): void => {
        const before = readSetting(tx, setting);
        if (JSON.stringify(before) === JSON.stringify(value)) return;
        writeSetting(tx, setting, value, now);
        queueSettingForStore(tx, setting.key, value, now);
        appendAudit(tx, {
          at: now,
          staffId,
          terminalId: ctx.terminalId,
          action: 'settings.threshold',
          entityType: 'setting',
          entityId: setting.key,
          before,
          after: value,
        });
      };
      save(idleCartSetting, input.idleCart);
      save(varianceThresholdSetting, input.drawerVarianceCents);
      save(adjustmentApprovalThresholdSetting, input.adjustmentApprovalCents);
      return currentThresholds(tx);
    });
  },
};

function currentThresholds(db: RegisterDb | RegisterTx): StoreThresholds {
  return {
    idleCart: readSetting(db, idleCartSetting),
    drawerVarianceCents: readSetting(db, varianceThresholdSetting),
    adjustmentApprovalCents: readSetting(db, adjustmentApprovalThresholdSetting),
  };
}
