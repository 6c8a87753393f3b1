import { z } from 'zod';

/**
 * A second person's PIN, typed at this till: checked by the core with the
 * PIN lockout. For a manager's approval it goes only to `approval-grant`,
 * never with the command it approves.
 */
export const managerApproval = z
  .object({
    staffId: z.string().min(1).max(64),
    pin: z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits'),
  })
  .strict();
export type ManagerApproval = z.infer<typeof managerApproval>;

/**
 * What a command carries when a manager approved it: the id of a grant made
 * by `approval-grant` for this command and exactly this payload, usable once
 * within two minutes. Replaying it, or changing the payload, is refused.
 */
export const approvalGrantRef = z.object({ grantId: z.string().min(20, 'approval: a grant id from approval-grant').max(100) }).strict();
export type ApprovalGrantRef = z.infer<typeof approvalGrantRef>;
