import { eq } from 'drizzle-orm';
import type { IncidentView } from '../../../shared/contract/it-incidents';
import { storeIncidentsResponseSchema } from '../../../shared/contract/store-server';
import { AppError } from '../../../shared/errors';
import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { stores } from '../../platform/db/schema';
import { terminalDeviceHealth } from '../devices/device-manager';
import { storeIdOfTerminal } from '../store/terminal';
import { syncStatus } from '../sync/status';
import { closeIncident, commentOnIncident, incidentsLoggedHere, listIncidents, reportIncident, type IncidentCaller } from './incident-log';

/** The store's list, with this register's own incidents as they are here (the server may not have their latest state yet). */
function storeWide(ctx: HandlerContext, here: readonly IncidentView[], store: readonly IncidentView[], limit: number) {
  const ours = incidentsLoggedHere(
    ctx.db,
    store.map((i) => i.id),
  );
  const others = store.filter((i) => !ours.has(i.id));
  const items = [...here, ...others].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt)).slice(0, limit);
  return { items, elsewhere: others.map((i) => i.id) };
}

function caller(ctx: HandlerContext): IncidentCaller {
  return {
    db: ctx.db,
    keys: ctx.piiKeys,
    storeId: storeIdOfTerminal(ctx.db, ctx.terminalId),
    terminalId: ctx.terminalId,
    staffId: signedIn(ctx),
    now: ctx.now(),
  };
}

export const itIncidentHandlers: Handlers<'incident-report' | 'incident-list' | 'incident-comment' | 'incident-close'> = {
  'incident-report': async (input, ctx) => {
    const who = caller(ctx);
    // Devices and sync are read before the write (a device probe is I/O; the write transaction is synchronous).
    const devices = await terminalDeviceHealth(ctx.db, ctx.terminalId, ctx.devices);
    const state = ctx.db.select({ state: stores.state }).from(stores).where(eq(stores.id, who.storeId)).get()?.state ?? '';
    const sync = syncStatus(ctx.db, ctx.sync, state, who.now);
    return reportIncident(who, input, {
      devices,
      sync: {
        online: sync.online,
        lanes: sync.lanes.map((l) => ({ destination: l.destination, online: l.online, pending: l.pending, dead: l.dead, oldestPendingAt: l.oldestPendingAt })),
      },
    });
  },

  'incident-list': async (input, ctx) => {
    const here = listIncidents(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.status, input.limit);
    const client = ctx.storeLink.client();
    if (client === null) return { items: here, elsewhere: [], scope: 'register' as const, note: null };
    try {
      const store = await client.call('POST', '/v1/it-incidents/list', { status: input.status, limit: input.limit }, storeIncidentsResponseSchema);
      return { ...storeWide(ctx, here, store.items, input.limit), scope: 'store' as const, note: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return {
        items: here,
        elsewhere: [],
        scope: 'register' as const,
        note: `Showing this register's incidents only: ${error.message}`,
      };
    }
  },

  'incident-comment': (input, ctx) => commentOnIncident(caller(ctx), input.incidentId, input.text),

  'incident-close': (input, ctx) => closeIncident(caller(ctx), input.incidentId, input.resolution),
};
