import type { z } from 'zod';

/**
 * One command the renderer may call: its input and output schemas, and
 * whether it changes data (a write runs in one transaction and is audited).
 */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly writes: boolean;
  readonly input: I;
  readonly output: O;
}

export function command<I extends z.ZodType, O extends z.ZodType>(spec: CommandSpec<I, O>): CommandSpec<I, O> {
  return spec;
}
