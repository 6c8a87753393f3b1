import type { z } from 'zod';
import { contract, isCommandName, type CommandName } from '../../shared/contract';
import { AppError, fail, ok, type AppErrorValue, type Result } from '../../shared/errors';
import { logger } from '../platform/logging/logger';
import type { Authorize } from '../features/staff/authorize';
import type { BaseContext, Handler, HandlerMap } from './handler';

export type Invoke = (name: string, rawInput: unknown) => Promise<Result<unknown>>;

/**
 * Joins the features' handler maps, refusing a name registered twice or a
 * contract command left without a handler.
 */
export function combineHandlers(...parts: ReadonlyArray<Partial<HandlerMap>>): HandlerMap {
  const combined: Partial<Record<CommandName, unknown>> = {};
  for (const part of parts) {
    for (const name of Object.keys(part) as CommandName[]) {
      if (combined[name] !== undefined) throw new Error(`IPC handler "${name}" is registered twice`);
      combined[name] = part[name];
    }
  }
  const missing = (Object.keys(contract) as CommandName[]).filter((name) => combined[name] === undefined);
  if (missing.length > 0) throw new Error(`IPC commands without a handler: ${missing.join(', ')}`);
  return combined as HandlerMap;
}

/**
 * The single entry every transport calls. It checks the command's declared
 * access against the session, validates the payload before a handler sees
 * it (so a bad payload writes nothing), validates the answer, and turns
 * every failure into a readable `{code, message}`.
 */
export function createInvoke(handlers: HandlerMap, base: BaseContext, authorize: Authorize): Invoke {
  return async (name, rawInput) => {
    if (!isCommandName(name)) return fail({ code: 'UNKNOWN_COMMAND', message: `The register has no command "${String(name)}".` });
    const spec = contract[name];
    try {
      // Who may call comes first: a caller without access learns nothing about valid payloads.
      const grant = await authorize(name, spec.access, rawInput, base.now(), spec.passive === true);
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) return fail(invalidInput(parsed.error));
      const context = { ...base, staff: grant.staff, staffId: grant.staff?.staffId ?? null, approvedBy: grant.approvedBy };
      const handler = handlers[name] as Handler<typeof name>;
      const output = await handler(parsed.data as never, context);
      const checked = (spec.output as z.ZodType).safeParse(output);
      if (!checked.success) {
        logger.error({ command: name, issues: checked.error.issues }, 'handler answer does not match the contract');
        // A write has committed by now: an error here would make the cashier ring the sale again. Deliver it, logged.
        if (spec.writes) {
          base.sync.wake();
          return ok(output as never);
        }
        return fail({ code: 'INTERNAL', message: 'The register produced an unexpected answer. Call IT support.' });
      }
      // A write may have queued work for the outside world: deliver it now, not at the next poll.
      if (spec.writes) base.sync.wake();
      return ok(checked.data);
    } catch (error) {
      return fail(toErrorValue(name, error));
    }
  };
}

function invalidInput(error: z.ZodError): AppErrorValue {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  const where = first !== undefined && first.path !== '' ? `${first.path}: ` : '';
  return { code: 'INVALID_INPUT', message: `${where}${first?.message ?? 'Invalid request'}`, details: { issues } };
}

function toErrorValue(name: CommandName, error: unknown): AppErrorValue {
  if (error instanceof AppError) return error.toValue();
  logger.error({ command: name, err: error }, 'command failed');
  return { code: 'INTERNAL', message: 'Something went wrong in the register and nothing was saved. Try again; if it repeats, call IT support.' };
}
