import type { AppError } from '../../../shared/errors';
import { looksLikeAamva } from '../../../shared/id/aamva';
import type { Unsubscribe } from './listeners';

export type ScanKind = 'id' | 'product';
export type ScanSource = 'hid' | 'serial' | 'wedge' | 'simulated';

/** One complete barcode, however many chunks or reports it arrived in. */
export interface ScanEvent {
  /** The barcode's bytes as latin1 (one char per byte), control characters kept: licences need them. */
  readonly data: string;
  readonly kind: ScanKind;
  readonly source: ScanSource;
  readonly at: Date;
  /** AIM symbology identifier when the transport reports one (HID POS does), e.g. "]L0" for PDF417. */
  readonly symbology?: string;
}

export type ConnectionState = 'connected' | 'disconnected';

export interface ConnectionEvent {
  readonly state: ConnectionState;
  readonly at: Date;
  /** Why it changed, for logs and the health screen (e.g. "the port closed"). */
  readonly reason?: string;
}

/** A scanner in the background (serial, HID POS or simulated): scans arrive whatever window has focus. */
/** Resolves true once a device reports itself connected (at once if it already is), false after `timeoutMs`. */
export function waitUntilConnected(
  current: ConnectionState,
  subscribe: (listener: (event: ConnectionEvent) => void) => Unsubscribe,
  timeoutMs: number,
): Promise<boolean> {
  if (current === 'connected') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(false);
    }, timeoutMs);
    const off = subscribe((event) => {
      if (event.state !== 'connected') return;
      clearTimeout(timer);
      off();
      resolve(true);
    });
  });
}

export interface Scanner {
  readonly source: ScanSource;
  readonly state: ConnectionState;
  /** The last time the device was opened or sent anything. */
  readonly lastSeenAt: Date | null;
  onScan(listener: (scan: ScanEvent) => void): Unsubscribe;
  onStatus(listener: (event: ConnectionEvent) => void): Unsubscribe;
  /** Data the scanner sent that could not become a scan (garbled, too long, cut short), with the reason. */
  onDropped(listener: (error: AppError) => void): Unsubscribe;
  close(): Promise<void>;
}

/** ID or product, by content: a licence's PDF417 has the AAMVA header, nothing else does. */
export function classifyScan(data: string): ScanKind {
  return looksLikeAamva(data) ? 'id' : 'product';
}

export function scanEvent(data: string, source: ScanSource, at: Date = new Date(), symbology?: string): ScanEvent {
  const base = { data, kind: classifyScan(data), source, at };
  return symbology === undefined || symbology === '' ? base : { ...base, symbology };
}

/** Bytes as the one-char-per-byte string the AAMVA and product parsers read. */
export function bytesToScanText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
