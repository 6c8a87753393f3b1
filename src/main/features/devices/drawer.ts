import type { DrawerPin } from './drawer-kick';
import type { PrinterDevice } from './printer';
import type { ConnectionState } from './scanner';

/** 'unknown' when the drawer has no sensor the register can read. */
export type DrawerState = 'open' | 'closed' | 'unknown';

export interface CashDrawer {
  readonly transport: 'serial' | 'printer' | 'simulated';
  readonly state: ConnectionState;
  readonly lastSeenAt: Date | null;
  /** Fires the solenoid. Resolves when the command reached the device, not when the drawer is open. */
  open(): Promise<void>;
  status(): Promise<DrawerState>;
  close(): Promise<void>;
}

/**
 * The usual wiring: the drawer hangs off the receipt printer's kick
 * connector. Closing this handle leaves the printer open (it has its own owner).
 */
export function printerDrawer(printer: PrinterDevice, pin: DrawerPin = 2): CashDrawer {
  return {
    transport: 'printer',
    get state() {
      return printer.state;
    },
    get lastSeenAt() {
      return printer.lastSeenAt;
    },
    open: () => printer.kickDrawer(pin),
    status: () => printer.drawerStatus(),
    close: () => Promise.resolve(),
  };
}
