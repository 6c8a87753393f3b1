import type { AppErrorValue } from '../../shared/errors';

/** Errors the core answers when one more person's PIN would let the action through. */
export function needsApproval(error: AppErrorValue): boolean {
  return (error.code === 'FORBIDDEN' && error.details?.['approvable'] === true) || error.code === 'APPROVAL_REQUIRED';
}
