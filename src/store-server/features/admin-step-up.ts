import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { adminStepUpSchema } from '../../shared/contract/store-server';
import { AppError } from '../../shared/errors';
import { verifyPin } from '../../staff-pin/pin';
import { storeStaff } from '../db/schema';
import type { StoreDb } from '../db/open';
import type { Terminal } from './terminals';

/**
 * What makes a pairing code or retires a register from a register: its
 * credential (it is a register of this store) and an admin's PIN, checked
 * here against the store's roster — an active admin whose PIN hash (the
 * one a register made and the roster carries) the PIN matches. A stolen
 * register's credential alone makes no code. Wrong PINs are counted per
 * register: five within a quarter hour and that register may not try again
 * until the quarter hour is over (kept in memory: a restart forgets them,
 * and the scrypt cost of each try still slows a guesser).
 */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const failures = new Map<string, { count: number; since: number }>();

export async function requireAdminStepUp(db: StoreDb, terminal: Terminal, admin: z.infer<typeof adminStepUpSchema>, now: Date): Promise<void> {
  const record = failures.get(terminal.id);
  if (record !== undefined && now.getTime() - record.since > WINDOW_MS) failures.delete(terminal.id);
  const counted = failures.get(terminal.id);
  if (counted !== undefined && counted.count >= MAX_FAILURES)
    throw new AppError('STEP_UP_LOCKED', 'Too many wrong admin PINs from this register: wait a quarter of an hour, or use the store server’s own commands.');
  const [row] = await db.select().from(storeStaff).where(eq(storeStaff.id, admin.staffId));
  const matches = row !== undefined && row.role === 'admin' && row.active === 1 && row.pinHash !== null && (await verifyPin(admin.pin, row.pinHash));
  if (matches) {
    failures.delete(terminal.id);
    return;
  }
  failures.set(terminal.id, { count: (counted?.count ?? 0) + 1, since: counted?.since ?? now.getTime() });
  throw new AppError(
    'STEP_UP_REFUSED',
    'The store server does not know that PIN as an active admin’s on the store’s roster (a PIN changed at a register reaches the roster within seconds): check it, and try again.',
  );
}
