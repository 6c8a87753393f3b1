/**
 * Errors that cross a boundary (IPC, CLI, sync) are plain values: a stable
 * machine `code` and a `message` a budtender or support person can act on.
 * They are never stack traces and never contain secrets.
 */
export type ErrorCode = 'INVALID_INPUT' | 'UNKNOWN_COMMAND' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'INTERNAL' | (string & {}); // features add their own codes (e.g. 'UPC_CHECK_DIGIT')

export interface AppErrorValue {
  readonly code: ErrorCode;
  readonly message: string;
  /** Optional structured detail (field paths, amounts) for the UI; never PII. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Thrown inside the core; converted to an `AppErrorValue` at every boundary. */
export class AppError extends Error implements AppErrorValue {
  readonly code: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toValue(): AppErrorValue {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The result every IPC command returns: a value or a readable error, never a throw. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorValue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorValue): Result<never> => ({ ok: false, error });
