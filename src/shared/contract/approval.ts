import { z } from 'zod';

/**
 * A manager authorising one action on someone else's session: their staff id
 * and PIN travel with that one command, are verified by the core, and the
 * approval is recorded in the audit log. Never stored.
 */
export const managerApproval = z
  .object({
    staffId: z.string().min(1).max(64),
    pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits'),
  })
  .strict();
export type ManagerApproval = z.infer<typeof managerApproval>;
