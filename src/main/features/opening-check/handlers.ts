import { eq } from 'drizzle-orm';
import { businessDay, dayWindow } from '../../../shared/domain/store-calendar';
import type { HandlerContext, Handlers } from '../../core/handler';
import { storeHealthSchema } from '../../../shared/contract/store-server';
import type { StoreServerClock } from './checks';
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
      storeServerClock: storeServerClock(ctx),
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

/** The store server's clock, on a register paired with one (its health answer carries the time). */
function storeServerClock(ctx: HandlerContext): StoreServerClock | null {
  const client = ctx.storeLink.client();
  if (client === null) return null;
  return { name: 'The store server', now: async () => new Date((await client.call('GET', '/v1/health', undefined, storeHealthSchema)).serverTime) };
}
