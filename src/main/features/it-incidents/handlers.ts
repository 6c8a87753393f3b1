import { eq } from 'drizzle-orm';
import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { stores } from '../../platform/db/schema';
import { terminalDeviceHealth } from '../devices/device-manager';
import { storeIdOfTerminal } from '../store/terminal';
import { syncStatus } from '../sync/status';
import { closeIncident, commentOnIncident, listIncidents, reportIncident, type IncidentCaller } from './incident-log';

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

  'incident-list': (input, ctx) => ({ items: listIncidents(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), input.status, input.limit) }),

  'incident-comment': (input, ctx) => commentOnIncident(caller(ctx), input.incidentId, input.text),

  'incident-close': (input, ctx) => closeIncident(caller(ctx), input.incidentId, input.resolution),
};
