import { AppError } from '../../../shared/errors';
import { staffRoles } from '../../../shared/permissions';
import { appendAudit } from '../../platform/audit/log';
import type { Handlers } from '../../core/handler';
import { writeTransaction } from '../../platform/db/transaction';
import { readSetting, writeSetting } from '../store/settings';
import { ceilingFor, discountCeilingsSetting } from './discount-ceiling';
import { signedIn } from '../../core/signed-in';
import { queueSettingForStore } from '../store-link/store-commands';

export const discountCeilingHandlers: Handlers<'discount-ceilings-get' | 'discount-ceilings-set'> = {
  'discount-ceilings-get': (_input, ctx) => writeTransaction(ctx.db, (tx) => ({ ceilings: staffRoles.map((role) => ({ role, ...ceilingFor(tx, role) })) })),

  'discount-ceilings-set': (input, ctx) => {
    const staffId = signedIn(ctx);
    // Nobody raises their own role's ceiling: an admin (or another role) does.
    if (ctx.staff?.role === input.role && input.role !== 'admin') throw new AppError('OWN_CEILING', 'Your own role’s discount ceiling is set by an admin.');
    return writeTransaction(ctx.db, (tx) => {
      const { role, ...ceiling } = input;
      const before = ceilingFor(tx, role);
      const ceilings = { ...readSetting(tx, discountCeilingsSetting), [role]: ceiling };
      writeSetting(tx, discountCeilingsSetting, ceilings, ctx.now());
      // The same ceilings at every register of a store: the store server takes the save and every register reads it back.
      queueSettingForStore(tx, 'discounts.manual_ceilings', ceilings, ctx.now());
      appendAudit(tx, {
        at: ctx.now(),
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.discount_ceiling',
        entityType: 'setting',
        entityId: `discounts.manual_ceilings.${role}`,
        before,
        after: ceiling,
      });
      return { role, ...ceiling };
    });
  },
};
