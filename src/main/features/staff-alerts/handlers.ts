import { and, eq, isNull } from 'drizzle-orm';
import type { StaffAlertView } from '../../../shared/contract/staff-alerts';
import { AppError } from '../../../shared/errors';
import type { HandlerContext, Handlers } from '../../core/handler';
import { signedIn } from '../../core/signed-in';
import { appendAudit } from '../../platform/audit/log';
import { staffAlerts } from '../../platform/db/schema';
import { writeTransaction } from '../../platform/db/transaction';
import { storeIdOfTerminal } from '../store/terminal';
import { saveStaffChannel, staffChannelView } from './channel-settings';
import { openStaffAlerts, raiseStaffAlerts } from './raise';

const view = (ctx: HandlerContext): { alerts: StaffAlertView[] } => ({
  alerts: openStaffAlerts(ctx.db).map((a) => ({ id: a.id, kind: a.kind, title: a.title, detail: a.detail, raisedAt: a.raisedAt.toISOString() })),
});

/** Staff alerts (issue #21): the header polls the list, which checks for new conditions first. */
export const staffAlertHandlers: Handlers<'staff-alerts-list' | 'staff-alert-acknowledge' | 'staff-alert-channel-get' | 'staff-alert-channel-set'> = {
  'staff-alerts-list': (_input, ctx) => {
    signedIn(ctx);
    raiseStaffAlerts(ctx.db, storeIdOfTerminal(ctx.db, ctx.terminalId), ctx.now());
    return view(ctx);
  },
  'staff-alert-acknowledge': (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      const done = tx
        .update(staffAlerts)
        .set({ acknowledgedAt: now, acknowledgedBy: staffId })
        .where(and(eq(staffAlerts.id, input.alertId), isNull(staffAlerts.acknowledgedAt)))
        .returning({ id: staffAlerts.id })
        .all();
      if (done.length === 0) throw new AppError('STAFF_ALERT_NOT_FOUND', 'That alert is not open (already acknowledged, or no such alert).');
      appendAudit(tx, { at: now, staffId, terminalId: ctx.terminalId, action: 'staff_alert.acknowledge', entityType: 'staff_alert', entityId: input.alertId });
    });
    return view(ctx);
  },
  'staff-alert-channel-get': (_input, ctx) => {
    signedIn(ctx);
    return { channel: staffChannelView(ctx.db) };
  },
  'staff-alert-channel-set': async (input, ctx) => {
    const staffId = signedIn(ctx);
    const now = ctx.now();
    writeTransaction(ctx.db, (tx) => {
      saveStaffChannel(tx, ctx.piiKeys, input, staffId, now);
      appendAudit(tx, {
        at: now,
        staffId,
        terminalId: ctx.terminalId,
        action: 'settings.staff_alert_channel',
        entityType: 'staff_alert_settings',
        entityId: 'channel',
        after: { url: input.url, enabled: input.enabled, closesAt: input.closesAt },
      });
    });
    await ctx.sync.reconfigure();
    return { channel: staffChannelView(ctx.db) };
  },
};
