import type { CutMode } from './escpos-status';
import type { DrawerPin } from './drawer-kick';
import type { ConnectionState } from './scanner';

export type PaperLevel = 'ok' | 'low' | 'out';

/** What the printer says about itself, from its DLE EOT answers. */
export interface PrinterStatusReport {
  readonly online: boolean;
  readonly paper: PaperLevel;
  readonly coverOpen: boolean;
  /** A mechanical or cutter error (from the offline cause). */
  readonly error: boolean;
  /** The drawer on the printer's kick connector, read with the configured open level. */
  readonly drawer: 'open' | 'closed';
}

export interface PrintOutcome {
  /** The roll is nearly used up: printed, but tell the budtender to change it soon. */
  readonly paperLow: boolean;
}

/** A receipt printer the register keeps open (serial ESC/POS, or simulated). */
export interface PrinterDevice {
  readonly transport: 'serial' | 'simulated';
  readonly state: ConnectionState;
  readonly lastSeenAt: Date | null;
  /**
   * Checks paper and online status first, then sends the job. Fails with an
   * AppError: PRINTER_DISCONNECTED, PRINTER_OFFLINE, PRINTER_PAPER_OUT,
   * PRINTER_COVER_OPEN, PRINTER_ERROR or PRINTER_STATUS_GARBLED.
   */
  print(bytes: Uint8Array): Promise<PrintOutcome>;
  cut(mode?: CutMode): Promise<void>;
  kickDrawer(pin?: DrawerPin): Promise<void>;
  drawerStatus(): Promise<'open' | 'closed'>;
  status(): Promise<PrinterStatusReport>;
  close(): Promise<void>;
}
