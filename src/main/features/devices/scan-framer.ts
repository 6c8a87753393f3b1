import { AppError } from '../../../shared/errors';

/**
 * How a serial scanner's byte stream splits into scans. Never by lines: a
 * licence's PDF417 has CR and LF inside it.
 * - suffix: the scanner is set to end every scan with these bytes (CR for
 *   product scanners; for ID scanners a byte that cannot occur in a licence,
 *   e.g. ETX 0x03, or a multi-byte sequence).
 * - quiet: a scan ends when no byte arrived for `quietMs` (scanners send a
 *   barcode in one burst; USB-CDC delivers it in chunks a few ms apart).
 */
export type ScanFraming =
  { readonly kind: 'suffix'; readonly suffix: Uint8Array; readonly staleMs?: number } | { readonly kind: 'quiet'; readonly quietMs?: number };

export const DEFAULT_QUIET_MS = 50;
/** Suffix framing: bytes with no suffix after this long are a cut-short scan, dropped. */
export const DEFAULT_STALE_MS = 1_000;
/** Far above any licence (≈ 300–700 bytes): a stuck or chattering device must not grow memory. */
export const MAX_SCAN_BYTES = 8_192;

export class ScanFramer {
  #buffer: Buffer = Buffer.alloc(0);
  #timer: NodeJS.Timeout | null = null;

  readonly #framing: ScanFraming;
  readonly #onFrame: (bytes: Uint8Array) => void;
  readonly #onDrop: (error: AppError) => void;

  constructor(framing: ScanFraming, onFrame: (bytes: Uint8Array) => void, onDrop: (error: AppError) => void) {
    this.#framing = framing;
    this.#onFrame = onFrame;
    this.#onDrop = onDrop;
    if (framing.kind === 'suffix' && framing.suffix.length === 0) throw new AppError('INVALID_INPUT', 'A scanner suffix needs at least one byte.');
  }

  push(chunk: Uint8Array): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    if (this.#framing.kind === 'suffix') {
      const suffix = this.#framing.suffix;
      for (let end = this.#buffer.indexOf(suffix); end !== -1; end = this.#buffer.indexOf(suffix)) {
        const frame = this.#buffer.subarray(0, end);
        this.#buffer = this.#buffer.subarray(end + suffix.length);
        // An empty frame is a stray suffix (e.g. the LF of a CR+LF setting), not a scan.
        if (frame.length > 0) this.#onFrame(Uint8Array.from(frame));
      }
    }
    if (this.#buffer.length > MAX_SCAN_BYTES) {
      this.#drop(
        new AppError('SCAN_TOO_LONG', 'The scanner sent far more data than any barcode holds: check its settings, then scan again.', {
          bytes: this.#buffer.length,
        }),
      );
      return;
    }
    this.#restartTimer();
  }

  /** Forget a half-received scan (the device went away). */
  reset(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#buffer = Buffer.alloc(0);
  }

  #restartTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#buffer.length === 0) return;
    const framing = this.#framing;
    const wait = framing.kind === 'quiet' ? (framing.quietMs ?? DEFAULT_QUIET_MS) : (framing.staleMs ?? DEFAULT_STALE_MS);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (framing.kind === 'quiet') {
        const frame = this.#buffer;
        this.#buffer = Buffer.alloc(0);
        this.#onFrame(Uint8Array.from(frame));
      } else {
        this.#drop(new AppError('SCAN_INCOMPLETE', 'A scan arrived cut short (no end marker): scan again.', { bytes: this.#buffer.length }));
      }
    }, wait);
  }

  #drop(error: AppError): void {
    this.reset();
    this.#onDrop(error);
  }
}
