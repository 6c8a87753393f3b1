import { AppError } from '../../../shared/errors';

/**
 * The cash-drawer kick: the ESC/POS pulse a receipt printer sends down its
 * drawer port to open the drawer (`ESC p m t1 t2`). Serial and USB printers
 * and the simulated one all send these bytes.
 */

const ESC = 0x1b;

/** The drawer port's solenoid pins: most drawers are wired to pin 2, a second drawer to pin 5. */
export type DrawerPin = 2 | 5;

export interface DrawerPulse {
  /** Solenoid on-time in ms (sent in 2 ms units, 2–510). */
  readonly onMs: number;
  /** Off-time in ms (2–510); t2 must be ≥ t1 on Epson printers. */
  readonly offMs: number;
}

/** 50 ms on, 500 ms off: `1B 70 00 19 FA`, what most drawers expect. */
export const DEFAULT_DRAWER_PULSE: DrawerPulse = { onMs: 50, offMs: 500 };

/** `ESC p m t1 t2`: pulse the drawer kick connector. */
export function drawerKick(pin: DrawerPin = 2, pulse: DrawerPulse = DEFAULT_DRAWER_PULSE): Uint8Array {
  const t1 = pulseUnits(pulse.onMs);
  const t2 = Math.max(t1, pulseUnits(pulse.offMs));
  return Uint8Array.of(ESC, 0x70, pin === 2 ? 0 : 1, t1, t2);
}

function pulseUnits(ms: number): number {
  if (!Number.isFinite(ms) || ms < 2 || ms > 510) {
    throw new AppError('INVALID_INPUT', `A drawer pulse of ${ms} ms is outside what printers accept (2–510 ms).`);
  }
  return Math.round(ms / 2);
}
