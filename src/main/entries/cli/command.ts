/**
 * A support command: parses its own argv, does its work through the same
 * modules the register uses, writes JSON to stdout and returns the exit code.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whole standard input, read lazily (only commands given `-` need it). */
  readonly readStdin: () => Promise<Buffer>;
}

export interface CliCommand {
  readonly name: string;
  readonly usage: string;
  readonly run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/** Print one JSON document on its own line. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

/** Print `{"error": {code, message}}` and return the failure exit code. */
export function printError(io: CliIo, code: string, message: string): number {
  printJson(io, { error: { code, message } });
  return 1;
}
