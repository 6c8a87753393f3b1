import { z } from 'zod';
import { staffRoles } from '../permissions';
import { command } from './command';
import { counterText } from './values';

/** One person on the store's staff as a manager sees them: never their PIN or its hash. */
export const rosterEntry = z.object({
  staffId: z.string(),
  displayName: z.string(),
  role: z.enum(staffRoles),
  active: z.boolean(),
  hasPin: z.boolean(),
});
export type RosterEntry = z.infer<typeof rosterEntry>;

/** The staff roster: who works here, in which role, and their PINs — set at any manager's register, the same at every register of the store. */
export const staffRosterCommands = {
  'staff-roster': command({
    access: 'staff.manage',
    summary: 'Everyone on the staff, active or not, with their role and whether a PIN is set.',
    writes: false,
    input: z.object({}).strict(),
    output: z.object({ items: z.array(rosterEntry) }),
  }),
  'staff-save': command({
    access: 'staff.manage',
    summary: 'Add a staff member, or change one’s name, role, PIN or whether they may sign in; reaches every register of the store.',
    writes: true,
    input: z
      .object({
        /** Absent: a new staff member. */
        staffId: z.string().min(1).max(64).optional(),
        displayName: counterText(60),
        role: z.enum(staffRoles),
        active: z.boolean(),
        /** A new PIN; absent keeps the current one. */
        pin: z
          .string()
          .regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits')
          .optional(),
      })
      .strict(),
    output: rosterEntry,
  }),
};
