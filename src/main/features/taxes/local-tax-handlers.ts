import { eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { appendAudit } from '../../platform/audit/log';
import type { Handlers } from '../../core/handler';
import { stores } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { signedIn } from '../../core/signed-in';
import { readSetting, writeSetting } from '../store/settings';
import { storeIdOfTerminal } from '../store/terminal';
import { localTaxesSetting } from './local-tax-setting';
import { queueSettingForStore } from '../store-link/store-commands';
import { localTaxProblem } from '../../../shared/domain/taxes/local-taxes';
import { taxTableFor } from '../../../shared/domain/taxes/tax-tables';

/** A manager sets the store's own city and county taxes; the state's cap on a local cannabis tax is checked; audited. */
export const localTaxHandlers: Handlers<'taxes-local-get' | 'taxes-local-set'> = {
  'taxes-local-get': (_input, ctx) => ({ taxes: readSetting(ctx.db, localTaxesSetting) }),

  'taxes-local-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    return writeTransaction(ctx.db, (tx) => {
      const state =
        tx
          .select({ state: stores.state })
          .from(stores)
          .where(eq(stores.id, storeIdOfTerminal(tx, ctx.terminalId)))
          .get()?.state ?? '';
      const problem = localTaxProblem(input.taxes, taxTableFor(state).localTaxCapBp, state);
      if (problem !== null) throw new AppError('LOCAL_TAX_OVER_CAP', problem);
      const before = readSetting(tx, localTaxesSetting);
      writeSetting(tx, localTaxesSetting, input.taxes, ctx.now());
      // A store's registers price alike: the store server takes the save and every register reads it back.
      queueSettingForStore(tx, 'taxes.local', input.taxes, ctx.now());
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.taxes_local',
        entityType: 'setting',
        entityId: 'taxes.local',
        before,
        after: input.taxes,
      });
      return { taxes: input.taxes };
    });
  },
};
