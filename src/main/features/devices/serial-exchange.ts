import type { SerialLink } from './serial-link';

/**
 * One conversation at a time with a device that answers requests with a
 * single byte (ESC/POS real-time status). Operations are queued so a status
 * request never interleaves with a print job's bytes or another request,
 * and bytes that arrive when nobody is waiting (a late answer to a request
 * that already timed out, automatic status) are dropped instead of being
 * read as the answer to the next question. (The port is not flushed before
 * a request: flushing also discards output not yet sent, which on USB-serial
 * can be the tail of the previous job.)
 */
export class SerialExchange {
  #queue: Promise<unknown> = Promise.resolve();
  #waiting: ((byte: number | null) => void) | null = null;
  readonly #offData: () => void;

  readonly #link: SerialLink;

  constructor(link: SerialLink) {
    this.#link = link;
    this.#offData = link.onData((chunk) => {
      const answer = this.#waiting;
      const byte = chunk[0];
      if (answer === null || byte === undefined) return;
      this.#waiting = null;
      answer(byte);
    });
  }

  /** Runs `operation` after every earlier one has finished (whether it failed or not). */
  exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(operation, operation);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Sends `request` and resolves with the first byte that comes back, or
   * null after `timeoutMs`. Call inside `exclusive`. Write failures reject.
   */
  async ask(request: Uint8Array, timeoutMs: number): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<number | null>((resolve) => {
      const waiter = (byte: number | null): void => {
        clearTimeout(timer);
        // Only clear our own slot: a stale timer must not cancel a newer request.
        if (this.#waiting === waiter) this.#waiting = null;
        resolve(byte);
      };
      timer = setTimeout(() => waiter(null), timeoutMs);
      this.#waiting = waiter;
    });
    try {
      await this.#link.write(request, timeoutMs);
    } catch (error) {
      clearTimeout(timer);
      this.#waiting = null;
      throw error;
    }
    return answer;
  }

  dispose(): void {
    this.#offData();
    this.#waiting = null;
  }
}
