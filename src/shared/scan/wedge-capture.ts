import { WedgeDetector, type WedgeOptions, type WedgeOutput } from './wedge-detector';

/**
 * Catches keyboard-wedge scans typed into a page where no scan box waits for
 * them, without ever delaying or eating what a person types. DOM-free: the
 * page feeds it `keydown`s and snapshots of the focused field.
 *
 * - Characters are never held back: they land wherever focus is, as typed.
 *   When the burst turns out to be a scan, the field is put back as it was
 *   before the burst began (`FieldSnapshot.restore`) and the scan is handed
 *   on — a person's typing is never touched, because a person's burst never
 *   becomes a scan.
 * - The only keys it asks the page to swallow are the scanner's own Enter
 *   or Tab (and a Space outside a text field) inside a burst already too
 *   fast and too long to be a person's: they would otherwise submit the form
 *   or press the focused button with the barcode in it.
 */
export interface FieldSnapshot {
  /** Puts the field back as it was when the snapshot was taken. */
  restore(): void;
}

export interface CapturedKey {
  /** `KeyboardEvent.key`. */
  readonly key: string;
  /** `KeyboardEvent.timeStamp` (ms, same clock as `flush`'s). */
  readonly timeMs: number;
  /** Ctrl, Meta or Alt held, or an auto-repeat: a person, whatever the timing. */
  readonly person: boolean;
  /** The focused element takes text (an input or textarea). */
  readonly editing: boolean;
}

const isTerminator = (key: string): boolean => key === 'Enter' || key === 'Tab';
const isCharacter = (key: string): boolean => [...key].length === 1;

export class WedgeCapture {
  readonly #detector: WedgeDetector;
  readonly #minLength: number;
  /** The burst in progress: the field as it was before it, and how many characters it has. */
  #burst: { snapshot: FieldSnapshot | null; characters: number } | null = null;

  readonly #onScan: (data: string) => void;

  constructor(onScan: (data: string) => void, options: WedgeOptions = {}) {
    this.#onScan = onScan;
    this.#detector = new WedgeDetector(options);
    this.#minLength = options.minLength ?? 6;
  }

  /**
   * One keydown, before the browser applies it. `snapshot` reads the focused
   * field now (null when nothing editable has focus). Answers whether the page
   * should swallow this key.
   */
  key(input: CapturedKey, snapshot: () => FieldSnapshot | null): { readonly swallow: boolean } {
    // A key a person pressed (shortcut, auto-repeat) ends any burst as typing.
    const key = input.person ? 'Unidentified' : input.key;
    this.#handle(this.#detector.push(key, input.timeMs));
    if (this.#detector.nextDeadline() === null) return { swallow: false };
    // Taken after any scan just ended was undone: the field as it is before this key.
    this.#burst ??= { snapshot: snapshot(), characters: 0 };
    if (isCharacter(key)) this.#burst.characters += 1;
    const scannerLong = this.#burst.characters >= this.#minLength;
    return { swallow: scannerLong && (isTerminator(key) || (key === ' ' && !input.editing)) };
  }

  /** When `flush` should next be called, or null. */
  nextDeadline(): number | null {
    return this.#detector.nextDeadline();
  }

  /** Call at `nextDeadline()`: a burst followed by silence ends here. */
  flush(timeMs: number): void {
    this.#handle(this.#detector.flush(timeMs));
  }

  /** Focus left the window or a dialog opened: whatever is held was typing. */
  release(): void {
    this.#detector.release();
    this.#burst = null;
  }

  #handle(outputs: readonly WedgeOutput[]): void {
    for (const output of outputs) {
      const burst = this.#burst;
      this.#burst = null;
      if (output.kind !== 'scan') continue;
      burst?.snapshot?.restore();
      this.#onScan(output.data);
    }
  }
}
