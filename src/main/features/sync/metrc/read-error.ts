import { AppError } from '../../../../shared/errors';
import { DestinationUnavailable, PermanentRefusal, type UnavailableReason } from '../../../../shared/sync/lane';

const UNAVAILABLE_CODES: Readonly<Record<UnavailableReason, string>> = {
  unreachable: 'METRC_UNREACHABLE',
  server_error: 'METRC_SERVER_ERROR',
  rate_limited: 'METRC_RATE_LIMITED',
};

/**
 * The HTTP client sorts failures for the outbox (park or retry later). A
 * read asked for by a person (a report, a lookup) has no queue to go back
 * to: it ends as an `AppError` with a stable code and the client's message.
 */
export function metrcReadError(error: unknown): unknown {
  if (error instanceof PermanentRefusal) return new AppError(error.code, error.message);
  if (error instanceof DestinationUnavailable) return new AppError(UNAVAILABLE_CODES[error.reason], error.message);
  return error;
}
