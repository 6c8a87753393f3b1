/**
 * Which part of the scan box's text a scanner typed. A keyboard-wedge
 * scanner types a character every few ms and ends with Enter; a person
 * rarely types two within 30 ms. When a quick run of at least `minLength`
 * characters ends in Enter and the box held text from before the run
 * (a search left half-typed, settled for `settleMs` before the run began),
 * the scan is the run alone: the leftover text is not glued to it
 * ("house850000010000"). A pause inside a scan (a busy machine, a USB
 * hiccup) is far shorter than a person's: it never cuts a scan in two.
 *
 * Fed the box's value before each key and the key's timestamp (ms, the
 * events' clock); DOM-free.
 */
export class ScanBoxBurst {
  #lastAt = Number.NEGATIVE_INFINITY;
  /** The box's text before the current quick run began. */
  #before = '';
  /** How long the box had been left alone when the current quick run began. */
  #settled = 0;
  /** Characters in the current quick run. */
  #run = 0;

  readonly #maxInterKeyMs: number;
  readonly #minLength: number;
  readonly #settleMs: number;

  constructor(maxInterKeyMs = 30, minLength = 6, settleMs = 250) {
    this.#maxInterKeyMs = maxInterKeyMs;
    this.#minLength = minLength;
    this.#settleMs = settleMs;
  }

  /** A printable character about to go into a box holding `value`. */
  character(value: string, timeMs: number): void {
    const gap = timeMs - this.#lastAt;
    if (gap > this.#maxInterKeyMs) {
      this.#before = value;
      this.#settled = gap;
      this.#run = 0;
    }
    this.#run += 1;
    this.#lastAt = timeMs;
  }

  /** Any other key (Backspace, arrows, a paste): a person is editing. */
  interrupt(): void {
    this.#lastAt = Number.NEGATIVE_INFINITY;
    this.#run = 0;
    this.#before = '';
    this.#settled = 0;
  }

  /** At Enter: the text to take from a box holding `value`. */
  take(value: string, timeMs: number): string {
    const scanned =
      this.#run >= this.#minLength &&
      // The scanner's Enter follows its last character at once (allowing for a busy machine).
      timeMs - this.#lastAt <= this.#maxInterKeyMs * 4 &&
      this.#settled >= this.#settleMs &&
      this.#before !== '' &&
      value.startsWith(this.#before);
    const text = scanned ? value.slice(this.#before.length) : value;
    this.interrupt();
    return text;
  }
}
