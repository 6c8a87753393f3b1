import type { StaffRole } from '../../../shared/permissions';
import { DEFAULT_IDLE_LOCK_MS, idleLock } from '../../platform/security/lockout';

export interface SignedInStaff {
  readonly staffId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly signedInAt: Date;
}

/**
 * Who is signed in at this terminal, held by the main process (never by the
 * renderer, which could forge it). After `idleLockMs` without a command the
 * session locks: the same person unlocks with their PIN, or someone else
 * signs in (quick user switch).
 */
export class TerminalSession {
  #current: SignedInStaff | null = null;
  #lastActivityAt = 0;
  #locked = false;

  readonly #idleLockMs: number;

  constructor(idleLockMs: number = DEFAULT_IDLE_LOCK_MS) {
    this.#idleLockMs = idleLockMs;
  }

  signIn(staff: SignedInStaff): void {
    this.#current = staff;
    this.#locked = false;
    this.#lastActivityAt = staff.signedInAt.getTime();
  }

  signOut(): void {
    this.#current = null;
    this.#locked = false;
  }

  lock(): void {
    if (this.#current !== null) this.#locked = true;
  }

  /** The active staff member, or null when signed out, locked, or idle too long (which locks). */
  active(now: Date): SignedInStaff | null {
    if (this.#current === null || this.#locked) return null;
    if (idleLock({ lastActivityAt: this.#lastActivityAt, now: now.getTime(), idleMs: this.#idleLockMs }).locked) {
      this.#locked = true;
      return null;
    }
    return this.#current;
  }

  touch(now: Date): void {
    this.#lastActivityAt = now.getTime();
  }

  /** What the lock screen shows: who is signed in and whether they must re-enter their PIN. */
  describe(now: Date): { readonly staff: SignedInStaff | null; readonly locked: boolean } {
    const active = this.active(now);
    return { staff: this.#current, locked: this.#current !== null && active === null };
  }
}
