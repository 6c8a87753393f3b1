import { z } from 'zod';
import { staffRoles } from '../permissions';
import { managerApproval } from './approval';
import { command } from './command';

const staffMember = z.object({ staffId: z.string(), displayName: z.string(), role: z.enum(staffRoles) });

export const sessionView = z.object({
  staff: staffMember.nullable(),
  /** Signed in but locked (idle or by hand): the same person re-enters their PIN, or someone else signs in. */
  locked: z.boolean(),
  permissions: z.array(z.string()),
});
export type SessionView = z.infer<typeof sessionView>;

export const sessionCommands = {
  'staff-list': command({
    access: 'public',
    summary: 'Active staff for the sign-in screen (names and roles only).',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(staffMember) }),
  }),
  'session-get': command({ access: 'public', summary: 'Who is signed in at this terminal.', writes: false, input: z.object({}).strict(), output: sessionView }),
  'session-sign-in': command({
    access: 'public',
    summary: 'Sign in (or unlock, or switch user) with a staff PIN.',
    writes: true,
    input: z.object({ staffId: z.string().min(1).max(64), pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits') }).strict(),
    output: sessionView,
  }),
  'approval-grant': command({
    access: 'signed_in',
    summary:
      'A manager approves one command with one payload for the signed-in staff member: their PIN is checked here (with the lockout) and a single-use grant id, good for two minutes, comes back to send with that command as `approval`.',
    writes: true,
    input: z
      .object({
        command: z.string().min(1).max(64),
        /** The command's input exactly as it will be sent, without `approval`. */
        payload: z.record(z.string(), z.unknown()),
        approver: managerApproval,
      })
      .strict(),
    output: z.object({ grantId: z.string(), expiresAt: z.string(), approvedBy: staffMember }),
  }),
  'session-lock': command({ access: 'signed_in', summary: 'Lock the register now.', writes: false, input: z.object({}).strict(), output: sessionView }),
  'session-sign-out': command({ access: 'signed_in', summary: 'Sign out.', writes: false, input: z.object({}).strict(), output: sessionView }),
  'staff-unlock': command({
    access: 'staff.unlock',
    summary: 'Clear a staff member’s wrong-PIN lockout (manager or admin; audited).',
    writes: true,
    input: z.object({ staffId: z.string().min(1).max(64) }).strict(),
    output: z.object({ staffId: z.string() }),
  }),
};
