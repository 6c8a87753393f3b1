import { bulkhead, type BulkheadPolicy } from 'cockatiel';

/**
 * Keeps reads inside Metrc's GET limits (50 per second and 10 at once per
 * facility), a little under them so a second client of the same licence
 * (the back office) still has room. Concurrency is cockatiel's bulkhead;
 * the per-second pacing is a sliding window of start times.
 */
export class GetPacer {
  readonly #perSecond: number;
  readonly #bulkhead: BulkheadPolicy;
  readonly #starts: number[] = [];
  #gate: Promise<void> = Promise.resolve();

  constructor(options: { readonly perSecond?: number; readonly concurrent?: number } = {}) {
    this.#perSecond = options.perSecond ?? 40;
    this.#bulkhead = bulkhead(options.concurrent ?? 8, Number.MAX_SAFE_INTEGER);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.#bulkhead.execute(async () => {
      await this.#slot();
      return work();
    });
  }

  /** Waits, in arrival order, until a start fits in the last second's budget. */
  #slot(): Promise<void> {
    const next = this.#gate.then(async () => {
      for (;;) {
        const now = Date.now();
        while (this.#starts.length > 0 && (this.#starts[0] ?? 0) <= now - 1000) this.#starts.shift();
        if (this.#starts.length < this.#perSecond) {
          this.#starts.push(now);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, (this.#starts[0] ?? now) + 1000 - now));
      }
    });
    this.#gate = next;
    return next;
  }
}
