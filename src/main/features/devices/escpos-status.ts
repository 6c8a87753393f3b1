import { AppError } from '../../../shared/errors';

/**
 * The few ESC/POS commands the hardware layer sends itself (cut, real-time
 * status; the drawer kick is drawer-kick.ts) and the parsing of the one-byte status answers.
 * Receipts are built with @point-of-sale/receipt-printer-encoder; these are
 * the device-control bytes around them. Bit numbers follow Epson's
 * reference (bit 0 = least significant).
 */

const GS = 0x1d;
const DLE = 0x10;
const EOT = 0x04;

export type CutMode = 'full' | 'partial';

/**
 * `GS V m` (m = 0 full, 1 partial) or, with `feedDots`, `GS V m n`
 * (m = 65/66): feed to the cutter plus n dots, then cut — so the last line
 * is not left inside the printer.
 */
export function cutPaper(mode: CutMode = 'partial', feedDots?: number): Uint8Array {
  if (feedDots === undefined) return Uint8Array.of(GS, 0x56, mode === 'full' ? 0 : 1);
  if (!Number.isInteger(feedDots) || feedDots < 0 || feedDots > 255) throw new AppError('INVALID_INPUT', `A cut feed of ${feedDots} dots is not 0–255.`);
  return Uint8Array.of(GS, 0x56, mode === 'full' ? 65 : 66, feedDots);
}

/** What `DLE EOT n` asks: 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;

/** `DLE EOT n`: answered in real time, even while the printer is busy or offline. */
export function statusRequest(n: StatusQuery): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/**
 * Every DLE EOT answer has bit 1 and bit 4 set and bit 0 and bit 7 clear
 * (an idle printer answers 0x12). Anything else is line noise, a wrong baud
 * rate, or a device that does not speak ESC/POS.
 */
export function checkStatusByte(byte: number, query: StatusQuery): number {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || (byte & 0x93) !== 0x12) {
    throw new AppError(
      'PRINTER_STATUS_GARBLED',
      'The receipt printer answered with something that is not a printer status: check its cable and its baud rate setting.',
      { query, answer: Number.isInteger(byte) ? byte : String(byte) },
    );
  }
  return byte;
}

/** DLE EOT 1. */
export interface PrinterStatus {
  /** Drawer kick connector pin 3 is high. Whether high means open depends on the drawer: see `drawerState`. */
  readonly drawerSensorHigh: boolean;
  readonly offline: boolean;
  /** Bit 5: waiting for online recovery (after an error). */
  readonly waitingForRecovery: boolean;
  /** Bit 6: the paper feed button is being pressed. */
  readonly feedButtonPressed: boolean;
}

export function parsePrinterStatus(byte: number): PrinterStatus {
  checkStatusByte(byte, 1);
  return { drawerSensorHigh: bit(byte, 2), offline: bit(byte, 3), waitingForRecovery: bit(byte, 5), feedButtonPressed: bit(byte, 6) };
}

/** DLE EOT 2: why the printer is offline. */
export interface OfflineCause {
  readonly coverOpen: boolean;
  /** Bit 3: paper is being fed with the feed button. */
  readonly feedButton: boolean;
  /** Bit 5: printing stopped because the paper ran out. */
  readonly paperEndStop: boolean;
  /** Bit 6: an error occurred (ask DLE EOT 3 which). */
  readonly error: boolean;
}

export function parseOfflineCause(byte: number): OfflineCause {
  checkStatusByte(byte, 2);
  return { coverOpen: bit(byte, 2), feedButton: bit(byte, 3), paperEndStop: bit(byte, 5), error: bit(byte, 6) };
}

/** DLE EOT 3: which error. */
export interface ErrorCause {
  /** Bit 3: the autocutter jammed or failed. */
  readonly cutter: boolean;
  /** Bit 5: an error that needs the printer switched off and on (or service). */
  readonly unrecoverable: boolean;
  /** Bit 6: an error that clears itself (e.g. print head too hot). */
  readonly autoRecoverable: boolean;
}

export function parseErrorCause(byte: number): ErrorCause {
  checkStatusByte(byte, 3);
  return { cutter: bit(byte, 3), unrecoverable: bit(byte, 5), autoRecoverable: bit(byte, 6) };
}

/** DLE EOT 4: paper roll sensor. Printers set both bits of a pair, some only one: either counts. */
export interface PaperStatus {
  /** Bits 2/3: the roll is nearly used up. */
  readonly nearEnd: boolean;
  /** Bits 5/6: no paper. */
  readonly out: boolean;
}

export function parsePaperStatus(byte: number): PaperStatus {
  checkStatusByte(byte, 4);
  return { nearEnd: bit(byte, 2) || bit(byte, 3), out: bit(byte, 5) || bit(byte, 6) };
}

/** Which sensor level means "drawer open": it differs between drawer models, so it is a setting. */
export type DrawerOpenLevel = 'high' | 'low';

export function drawerState(status: PrinterStatus, openWhen: DrawerOpenLevel): 'open' | 'closed' {
  return status.drawerSensorHigh === (openWhen === 'high') ? 'open' : 'closed';
}
