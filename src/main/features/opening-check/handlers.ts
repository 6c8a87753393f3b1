import { eq } from 'drizzle-orm';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';
import type { Handlers } from '../../core/handler';
import { findMigrationsFolder } from '../../platform/config/paths';
import { stores } from '../../platform/db/schema';
import { storeIdOfTerminal } from '../store/terminal';
import { latestOpeningCheck, openingCheckDue, runOpeningCheck, saveOpeningCheck } from './run';

export const openingCheckHandlers: Handlers<'opening-check-run' | 'opening-check-latest'> = {
  'opening-check-run': async (_input, ctx) => {
    const run = await runOpeningCheck({
      db: ctx.db,
      keys: ctx.piiKeys,
      terminalId: ctx.terminalId,
      now: ctx.now(),
      devices: ctx.devices,
      migrationsFolder: findMigrationsFolder(),
    });
    return saveOpeningCheck(ctx.db, run, { terminalId: ctx.terminalId, staffId: ctx.staffId });
  },

  'opening-check-latest': (_input, ctx) => {
    const zone =
      ctx.db
        .select({ timeZone: stores.timeZone })
        .from(stores)
        .where(eq(stores.id, storeIdOfTerminal(ctx.db, ctx.terminalId)))
        .get()?.timeZone ?? 'UTC';
    const day = businessDay(ctx.now(), zone);
    return { due: openingCheckDue(ctx.db, ctx.terminalId, day, dayWindow(day, zone).start), latest: latestOpeningCheck(ctx.db, ctx.terminalId, day) };
  },
};
