import { logger } from '../../platform/logging/logger';

export type Unsubscribe = () => void;

/**
 * A tiny typed listener list. A listener that throws must not break the
 * device's data handler (a scan lost because the UI threw is worse than a
 * logged bug), so each call is isolated.
 */
export class Listeners<T> {
  readonly #list = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    // Wrap so the same function can subscribe twice and unsubscribe separately.
    const entry = (value: T): void => listener(value);
    this.#list.add(entry);
    return () => {
      this.#list.delete(entry);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.#list]) {
      try {
        listener(value);
      } catch (error) {
        logger.error({ err: error }, 'device listener threw');
      }
    }
  }

  clear(): void {
    this.#list.clear();
  }

  get size(): number {
    return this.#list.size;
  }
}
