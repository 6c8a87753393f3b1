import { z } from 'zod';
import { staffAlertKinds } from '../domain/staff-alerts/conditions';
import { command } from './command';

const alertView = z.object({
  id: z.string(),
  kind: z.enum(staffAlertKinds),
  title: z.string(),
  detail: z.string(),
  raisedAt: z.string(),
});
export type StaffAlertView = z.infer<typeof alertView>;

const alertsView = z.object({ alerts: z.array(alertView) });
const channelView = z.object({ url: z.string().nullable(), enabled: z.boolean(), closesAt: z.string() });

/** Staff alerts (issue #21): shown in the header until acknowledged; optionally sent to a staff channel. */
export const staffAlertCommands = {
  'staff-alerts-list': command({
    access: 'signed_in',
    passive: true,
    summary:
      'Alerts for staff not yet acknowledged (an order past its deadline, sales near the reporting deadline, a drawer open after close); checks for new ones first.',
    writes: true,
    input: z.object({}).strict(),
    output: alertsView,
  }),
  'staff-alert-acknowledge': command({
    access: 'signed_in',
    summary: 'Acknowledge a staff alert: it leaves the header (it is not raised again for the same occurrence).',
    writes: true,
    input: z.object({ alertId: z.string().trim().min(1).max(100) }).strict(),
    output: alertsView,
  }),
  'staff-alert-channel-get': command({
    access: 'credentials.edit',
    passive: true,
    summary: 'Where staff alerts are sent (never the secret) and the store’s closing time.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ channel: channelView }),
  }),
  'staff-alert-channel-set': command({
    access: 'credentials.edit',
    summary: 'Set the staff channel alerts also go to (a signed HTTPS webhook) and the store’s closing time for the open-drawer alert.',
    writes: true,
    input: z
      .object({
        url: z.string().trim().min(8).max(300).nullable(),
        secret: z.string().trim().min(16).max(200).nullable(),
        enabled: z.boolean(),
        closesAt: z.string().trim().default('22:00'),
      })
      .strict(),
    output: z.object({ channel: channelView }),
  }),
} as const;
