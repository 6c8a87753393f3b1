import type { PushEvent } from '../../../shared/contract/pushes';
import type { Result } from '../../../shared/errors';
import { logger } from '../../platform/logging/logger';
import type { Invoke } from '../registry';
import { forkedCore, type CoreChannel, type SpawnCore } from './core-channel';
import { fromCore, type StartMessage, type ToCore } from './protocol';

export interface CoreProcessOptions {
  /** The core process's entry script (`entries/core-process/main.ts` under tsx, its bundle when packaged): forked with Node. */
  readonly entry?: string;
  /** Node flags for the child, e.g. `['--import', 'tsx']` when running from source. */
  readonly execArgv?: readonly string[];
  /** Another way to start the core (Electron's utilityProcess); `entry` is then not used. */
  readonly spawn?: SpawnCore;
  readonly start: Omit<StartMessage, 'kind'>;
  /** How long a command waits for a restarting core before it is refused. */
  readonly waitForCoreMs?: number;
  /** Pause before starting a core that has just died (a crash loop must not spin). */
  readonly restartDelayMs?: number;
}

interface Pending {
  readonly resolve: (result: Result<unknown>) => void;
}

const RESTARTED: Result<unknown> = {
  ok: false,
  error: {
    code: 'CORE_RESTARTED',
    message: 'The register restarted while doing this. Check whether it was done (the cart, the last sale) before trying again.',
  },
};
const UNAVAILABLE: Result<unknown> = {
  ok: false,
  error: {
    code: 'CORE_UNAVAILABLE',
    message: 'The register is reconnecting and did not come back in time. Wait a moment and try again; if it repeats, call IT support.',
  },
};

/**
 * The host's side of the core process: forks it, hands it its start
 * message, and forwards every `invoke` to it. When the core dies, commands
 * in flight answer CORE_RESTARTED (whether they committed is in the
 * database: a sale completes at most once per cart), the core is started
 * again, and new commands wait for it — the screen reconnects by itself.
 */
export class CoreProcess {
  readonly #options: CoreProcessOptions;
  #child: CoreChannel | null = null;
  #ready: Promise<void> | null = null;
  #nextId = 0;
  #pending = new Map<number, Pending>();
  #stopping = false;
  #restarts = 0;
  #terminalId = '';
  #failed = false;
  readonly #pushListeners = new Set<(event: PushEvent) => void>();

  private constructor(options: CoreProcessOptions) {
    this.#options = options;
  }

  /** Starts the core; resolves once it has opened the database and is answering, or rejects with why it could not. */
  static async start(options: CoreProcessOptions): Promise<CoreProcess> {
    const core = new CoreProcess(options);
    await core.#spawn();
    return core;
  }

  get terminalId(): string {
    return this.#terminalId;
  }

  /** How many times the core has been started again after dying. */
  get restarts(): number {
    return this.#restarts;
  }

  /** The core process's pid (for tests that kill it, and for IT's diagnostics). */
  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  /**
   * Hears the core's pushes, whichever core process is running: listeners
   * stay across restarts, and a restarted core that answers again is itself
   * pushed (`core-restarted`), so a screen with nothing in flight hears of it.
   */
  onPush(listener: (event: PushEvent) => void): () => void {
    this.#pushListeners.add(listener);
    return () => void this.#pushListeners.delete(listener);
  }

  readonly invoke: Invoke = async (name, input) => {
    const ready = this.#ready;
    if (ready === null || this.#stopping) return UNAVAILABLE;
    const waited = await Promise.race([
      ready.then(
        () => true,
        () => false,
      ),
      delay(this.#options.waitForCoreMs ?? 15_000).then(() => false),
    ]);
    const child = this.#child;
    if (!waited || child === null || !child.alive()) return UNAVAILABLE;
    const id = (this.#nextId += 1);
    return new Promise<Result<unknown>>((resolve) => {
      this.#pending.set(id, { resolve });
      this.#post(child, { kind: 'invoke', id, name, input });
    });
  };

  /** Stops the core cleanly (sync stopped, devices and database closed). */
  async stop(): Promise<void> {
    this.#stopping = true;
    const child = this.#child;
    if (child === null || !child.alive()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill(), 10_000);
      child.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      this.#post(child, { kind: 'stop' });
    });
  }

  #spawn(): Promise<void> {
    const spawn = this.#options.spawn ?? forkedCore(this.#options.entry ?? '', this.#options.execArgv ?? []);
    const child = spawn();
    this.#child = child;
    const ready = new Promise<void>((resolve, reject) => {
      child.onMessage((raw: unknown) => {
        const parsed = fromCore.safeParse(raw);
        if (!parsed.success) {
          logger.error('core process: malformed answer refused');
          return;
        }
        const message = parsed.data;
        if (message.kind === 'ready') {
          this.#terminalId = message.terminalId;
          resolve();
          if (this.#restarts > 0) this.#pushed({ kind: 'core-restarted', generation: this.#restarts });
        } else if (message.kind === 'failed') {
          // A core that cannot open its database (newer than this build, a wrong key) will not do better on a restart.
          this.#failed = true;
          reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
        } else if (message.kind === 'result') {
          const pending = this.#pending.get(message.id);
          this.#pending.delete(message.id);
          pending?.resolve(message.result as Result<unknown>);
        } else if (message.kind === 'push') {
          this.#pushed(message.event);
        }
      });
      child.onExit((code, signal) => {
        reject(new Error(`The core process exited before it was ready (${signal ?? code}).`));
        this.#died(child, code, signal);
      });
    });
    this.#ready = ready;
    this.#post(child, { kind: 'start', ...this.#options.start });
    return ready;
  }

  #died(child: CoreChannel, code: number | null, signal: string | null): void {
    if (this.#child !== child) return;
    for (const pending of this.#pending.values()) pending.resolve(RESTARTED);
    this.#pending.clear();
    if (this.#stopping || this.#failed) return;
    logger.error({ code, signal }, 'core process died; starting it again');
    this.#restarts += 1;
    // New commands wait on the restart (bounded by waitForCoreMs) instead of failing at once.
    const restarted = delay(this.#options.restartDelayMs ?? 200).then(() => {
      if (this.#stopping) throw new Error('The register is stopping: the core is not started again.');
      return this.#spawn();
    });
    this.#ready = restarted;
    restarted.catch((error: unknown) => logger.error({ err: error }, 'core process did not start again'));
  }

  #pushed(event: PushEvent): void {
    for (const listener of this.#pushListeners) {
      try {
        listener(event);
      } catch (error) {
        // One relay failing (a closed window) must not keep the others from hearing it.
        logger.warn({ err: error, push: event.kind }, 'a push listener failed');
      }
    }
  }

  #post(child: CoreChannel, message: ToCore): void {
    child.send(message);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
