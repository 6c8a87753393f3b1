/**
 * How the fake platforms deliver webhooks: each delivery is POSTed until it
 * is answered with an accepted status, retrying on anything else (a refused
 * connection, a 5xx, a 4xx) after `retryMs`, as the platforms document.
 * `duplicate` sends every delivery twice (a platform redelivering after a
 * lost answer).
 */
export interface DeliveryStats {
  attempts: number;
  accepted: number;
  retried: number;
}

export class WebhookDelivery {
  readonly stats: DeliveryStats = { attempts: 0, accepted: 0, retried: 0 };
  readonly #pending = new Set<Promise<void>>();
  #closed = false;

  constructor(
    readonly target: () => string,
    readonly accepted: (status: number) => boolean,
    readonly retryMs: number,
    public duplicate = false,
  ) {}

  send(body: string, headers: () => Record<string, string>): void {
    for (let copy = 0; copy < (this.duplicate ? 2 : 1); copy += 1) {
      const run = this.#deliver(body, headers).finally(() => this.#pending.delete(run));
      this.#pending.add(run);
    }
  }

  async #deliver(body: string, headers: () => Record<string, string>): Promise<void> {
    while (!this.#closed) {
      this.stats.attempts += 1;
      try {
        const res = await fetch(this.target(), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body,
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        if (this.accepted(res.status)) {
          this.stats.accepted += 1;
          return;
        }
      } catch {
        // refused, reset or timed out: retried like a non-2xx
      }
      this.stats.retried += 1;
      await new Promise((r) => setTimeout(r, this.retryMs));
    }
  }

  /** Resolves once every delivery so far has been accepted. */
  async settled(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.#pending.size > 0) {
      if (Date.now() > until) throw new Error(`${this.#pending.size} webhook deliveries still unaccepted`);
      await Promise.race([...this.#pending, new Promise((r) => setTimeout(r, 100))]);
    }
  }

  close(): void {
    this.#closed = true;
  }
}
