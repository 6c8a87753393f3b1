import type { RegisterDb } from '../../platform/db/open';
import { raiseStaffAlerts } from './raise';

/**
 * Checks the alert conditions on a timer, not only when the header asks:
 * the staff channel matters most when nobody is signed in (a drawer left
 * open after everyone went home). A newly raised alert wakes the sync so
 * the channel hears it now.
 */
export class StaffAlertWatch {
  readonly #db: RegisterDb;
  readonly #storeId: string;
  readonly #wake: () => void;
  #timer: NodeJS.Timeout | null = null;

  constructor(db: RegisterDb, storeId: string, wake: () => void) {
    this.#db = db;
    this.#storeId = storeId;
    this.#wake = wake;
  }

  start(intervalMs = 60_000): void {
    this.#timer = setInterval(() => this.checkNow(), intervalMs);
    this.#timer.unref();
  }

  checkNow(now = new Date()): number {
    const { raised } = raiseStaffAlerts(this.#db, this.#storeId, now);
    if (raised > 0) this.#wake();
    return raised;
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
