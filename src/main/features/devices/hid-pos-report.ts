import { AppError, type AppErrorValue } from '../../../shared/errors';

/**
 * USB HID POS barcode scanners (usage page 0x8C) send each barcode as one or
 * more "scanned data" input reports. The layout below is the common one
 * (Zebra, Honeywell, Datalogic in HID POS mode), as node-hid hands it over
 * on Linux (hidraw: the report id is byte 0):
 *
 *   byte 0       report id (0x02)
 *   byte 1       number of barcode bytes in THIS report (0–56)
 *   bytes 2–4    symbology identifier (AIM, e.g. "]L0" for PDF417; 0-padded)
 *   bytes 5–60   barcode data, 56 bytes, padded
 *   bytes 61–62  vendor specific
 *   byte 63      bit 0 set: more reports follow for this barcode
 *
 * Vendors move the fields around (some count the symbology in the length,
 * some put the flag elsewhere), so every offset lives in this one object
 * and a device config can override it.
 */
export interface HidPosLayout {
  readonly reportId: number;
  readonly lengthOffset: number;
  readonly symbologyOffset: number;
  readonly symbologyLength: number;
  readonly dataOffset: number;
  readonly dataMax: number;
  /** Where the "more reports follow" flag is; null when the device has none (one report per barcode). */
  readonly moreOffset: number | null;
  readonly moreMask: number;
}

export const HID_POS_USAGE_PAGE = 0x8c;

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  lengthOffset: 1,
  symbologyOffset: 2,
  symbologyLength: 3,
  dataOffset: 5,
  dataMax: 56,
  moreOffset: 63,
  moreMask: 0x01,
};

/** A licence is under 1 KB; anything this long is a stuck stream. */
export const MAX_HID_SCAN_BYTES = 8_192;
/** A continuation that does not come within this time belongs to a scan that was cut short. */
export const HID_CONTINUATION_TIMEOUT_MS = 1_000;

export interface HidPosReport {
  readonly symbology: string;
  readonly data: Uint8Array;
  readonly more: boolean;
}

/**
 * One input report, checked against the layout. Returns null for reports
 * that are not scanned data (other report ids: status, feature echoes).
 */
export function parseHidPosReport(report: Uint8Array, layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT): HidPosReport | null {
  if (report.length === 0 || report[0] !== layout.reportId) return null;
  const length = report[layout.lengthOffset];
  if (length === undefined) throw garbled('the report is too short to hold a length', report);
  if (length > layout.dataMax) throw garbled(`it claims ${length} bytes where at most ${layout.dataMax} fit`, report);
  if (layout.dataOffset + length > report.length)
    throw garbled(`it claims ${length} bytes but only ${Math.max(0, report.length - layout.dataOffset)} arrived`, report);
  const flag = layout.moreOffset === null ? 0 : (report[layout.moreOffset] ?? 0);
  return {
    symbology: latin1(report.subarray(layout.symbologyOffset, layout.symbologyOffset + layout.symbologyLength)).replace(/\0+$/, ''),
    data: report.slice(layout.dataOffset, layout.dataOffset + length),
    more: (flag & layout.moreMask) !== 0,
  };
}

function garbled(why: string, report: Uint8Array): AppError {
  return new AppError('HID_REPORT_GARBLED', 'The scanner sent a damaged barcode report: scan again.', { why, reportBytes: report.length });
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) if (byte !== 0) text += String.fromCharCode(byte);
  return text;
}

export type HidPosOutcome =
  /** A whole barcode: every report's data joined. */
  | { readonly kind: 'scan'; readonly data: Uint8Array; readonly symbology: string }
  /** More reports follow. */
  | { readonly kind: 'partial' }
  /** Not a scanned-data report; nothing to do. */
  | { readonly kind: 'ignored' }
  /** Something was thrown away; `error` says what and why. A later report may still complete a scan. */
  | { readonly kind: 'dropped'; readonly error: AppErrorValue };

/**
 * Joins multi-report barcodes into one. Never throws: a damaged report or a
 * barcode cut short becomes a `dropped` outcome with the reason, so the
 * device's data handler cannot be broken by what a device sends. One report
 * can give two outcomes (the previous barcode was cut short, and this report
 * is a whole barcode), hence the array.
 */
export class HidPosAssembler {
  #parts: Uint8Array[] = [];
  #size = 0;
  #symbology = '';
  #lastAt = 0;

  readonly #layout: HidPosLayout;

  constructor(layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT) {
    this.#layout = layout;
  }

  push(report: Uint8Array, atMs: number = Date.now()): HidPosOutcome[] {
    let parsed: HidPosReport | null;
    try {
      parsed = parseHidPosReport(report, this.#layout);
    } catch (error) {
      // The barcode this report belonged to cannot be trusted any more.
      this.reset();
      return [{ kind: 'dropped', error: toValue(error) }];
    }
    // Some scanners send an empty report after each barcode.
    if (parsed === null || (parsed.data.length === 0 && !parsed.more && this.#parts.length === 0)) return [{ kind: 'ignored' }];

    const outcomes: HidPosOutcome[] = [];
    // A continuation from another symbology, or long after, means the earlier barcode never finished.
    if (this.#parts.length > 0 && (atMs - this.#lastAt > HID_CONTINUATION_TIMEOUT_MS || parsed.symbology !== this.#symbology)) {
      outcomes.push({
        kind: 'dropped',
        error: { code: 'SCAN_INCOMPLETE', message: 'A long barcode arrived cut short: scan it again.', details: { bytes: this.#size } },
      });
      this.reset();
    }
    if (this.#size + parsed.data.length > MAX_HID_SCAN_BYTES) {
      this.reset();
      outcomes.push({ kind: 'dropped', error: { code: 'SCAN_TOO_LONG', message: 'The scanner sent far more data than any barcode holds: scan again.' } });
      return outcomes;
    }
    this.#parts.push(parsed.data);
    this.#size += parsed.data.length;
    this.#symbology = parsed.symbology;
    this.#lastAt = atMs;
    if (parsed.more) {
      outcomes.push({ kind: 'partial' });
      return outcomes;
    }
    outcomes.push({ kind: 'scan', data: concat(this.#parts, this.#size), symbology: this.#symbology });
    this.reset();
    return outcomes;
  }

  /** Forget a half-assembled barcode (the device went away). */
  reset(): void {
    this.#parts = [];
    this.#size = 0;
    this.#symbology = '';
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function toValue(error: unknown): AppErrorValue {
  if (error instanceof AppError) return error.toValue();
  return { code: 'HID_REPORT_GARBLED', message: 'The scanner sent a damaged barcode report: scan again.' };
}
