import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract';
import type { AppErrorValue, Result } from '../../shared/errors';
import type { Approval } from '../components/ApprovalDialog';
import { send } from '../transport';

/** Errors the core answers when one more person's PIN would let the action through. */
export function needsApproval(error: AppErrorValue): boolean {
  return (error.code === 'FORBIDDEN' && error.details?.['approvable'] === true) || error.code === 'APPROVAL_REQUIRED';
}

/**
 * Sends a command, approved by a manager when `approver` is given: their
 * PIN goes only to `approval-grant`, which answers a single-use grant for
 * exactly this command and input; the command then carries the grant id,
 * never the PIN. Without an approver it is a plain `send`.
 */
export async function sendApproved<N extends CommandName>(name: N, input: CommandInput<N>, approver?: Approval): Promise<Result<CommandOutput<N>>> {
  if (approver === undefined) return send(name, input);
  const grant = await send('approval-grant', { command: name, payload: input as Record<string, unknown>, approver });
  if (!grant.ok) return { ok: false, error: grant.error };
  return send(name, { ...input, approval: { grantId: grant.value.grantId } });
}
