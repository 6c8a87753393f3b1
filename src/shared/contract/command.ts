import type { z } from 'zod';
import type { CommandAccess } from '../permissions';

/**
 * One command the renderer may call: its input and output schemas, who may
 * call it, and whether it changes data (a write runs in one transaction and
 * is audited).
 */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly writes: boolean;
  /** Who may call it; checked by the core before the handler runs. */
  readonly access: CommandAccess;
  /** Polled in the background by the UI: does not keep the register from locking itself when idle. */
  readonly passive?: boolean;
  readonly input: I;
  readonly output: O;
}

export function command<I extends z.ZodType, O extends z.ZodType>(spec: CommandSpec<I, O>): CommandSpec<I, O> {
  return spec;
}
