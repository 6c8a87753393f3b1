import { ExponentialBackoff, fullJitterGenerator, type IBackoff } from 'cockatiel';

export interface RetryDelayOptions {
  /** First retry waits up to this long (full jitter: anywhere from 0 to the bound). */
  readonly initialDelayMs?: number;
  /** The bound stops growing here. */
  readonly maxDelayMs?: number;
}

/**
 * Full-jitter exponential backoff (cockatiel's generator) for an item's
 * n-th failed attempt. The attempt count lives in the outbox row, so the
 * delay survives a restart; a server's Retry-After is a floor.
 */
export function retryDelayMs(attempts: number, options: RetryDelayOptions = {}, retryAfterMs?: number): number {
  const factory = new ExponentialBackoff({
    generator: fullJitterGenerator,
    initialDelay: options.initialDelayMs ?? 1_000,
    maxDelay: options.maxDelayMs ?? 300_000,
  });
  let backoff: IBackoff<unknown> = factory.next();
  // Past ~30 doublings every bound is the cap already.
  for (let n = 1; n < Math.min(attempts, 30); n += 1) backoff = backoff.next(undefined);
  return Math.max(backoff.duration, retryAfterMs ?? 0);
}
