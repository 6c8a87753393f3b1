import { AppError } from '../../shared/errors';
import type { HandlerContext } from './handler';

/** Commands that change money or stock always run for a signed-in staff member: the one signed in at this terminal, or a typed refusal. */
export function signedIn(ctx: HandlerContext): string {
  if (ctx.staffId === null) throw new AppError('SIGNED_OUT', 'Sign in with your PIN first.');
  return ctx.staffId;
}
