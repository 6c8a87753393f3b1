/**
 * Tells a keyboard-wedge scanner from a person typing, by timing alone, so
 * the screen can take scans without a focused scan box and without stealing
 * what a budtender types. Pure and DOM-free: feed it `KeyboardEvent.key`
 * values with their timestamps and act on what it returns.
 *
 * How it decides:
 * - a scanner types a character every few ms; a person rarely two within
 *   30 ms, never six in a row. A burst of ≥ `minLength` characters each
 *   ≤ `maxInterKeyMs` apart is a scan;
 * - Enter and Tab end a scan only when followed by silence: licences typed
 *   by a wedge contain Enters (their CR/LF separators), which are kept in
 *   the data as "\n" (Tab as "\t");
 * - once a burst has proven to be a scan, pauses up to `quietMs` (USB
 *   hiccups) do not end it; silence longer than that does;
 * - with a `prefix` configured on the scanner, a burst starting with it is
 *   a scan whatever its length, with pauses up to `quietMs` allowed;
 *   `requirePrefix` makes that the only way to be a scan.
 *
 * The cost: a typed character is held until the next key or until
 * `maxInterKeyMs` passes (call `flush` at `nextDeadline()`), then handed
 * back as `keys` to be applied as typed.
 */
export interface WedgeOptions {
  readonly maxInterKeyMs?: number;
  readonly minLength?: number;
  readonly quietMs?: number;
  readonly prefix?: string;
  readonly requirePrefix?: boolean;
}

export type WedgeOutput =
  /** A scan: data without prefix and final terminator; inner Enter/Tab as "\n"/"\t". */
  | { readonly kind: 'scan'; readonly data: string; readonly terminator: 'Enter' | 'Tab' | null }
  /** Keys a person typed, in order, as given: apply them as if they had not been intercepted. */
  | { readonly kind: 'keys'; readonly keys: readonly string[] };

const MODIFIERS: ReadonlySet<string> = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);
/** Far above any licence; a stuck key must not grow memory. */
const MAX_BURST = 4_096;

const isTerminator = (key: string): key is 'Enter' | 'Tab' => key === 'Enter' || key === 'Tab';
/** A printable character (one code point), as `KeyboardEvent.key` gives them. */
const isCharacter = (key: string): boolean => [...key].length === 1;

export class WedgeDetector {
  readonly #maxInterKeyMs: number;
  readonly #minLength: number;
  readonly #quietMs: number;
  readonly #prefix: string | null;
  readonly #requirePrefix: boolean;
  #burst: string[] = [];
  #characters = 0;
  #lastAt = 0;
  #prefixed = false;

  constructor(options: WedgeOptions = {}) {
    this.#maxInterKeyMs = options.maxInterKeyMs ?? 30;
    this.#minLength = options.minLength ?? 6;
    this.#quietMs = options.quietMs ?? 100;
    this.#prefix = options.prefix === undefined || options.prefix === '' ? null : options.prefix;
    this.#requirePrefix = options.requirePrefix === true && this.#prefix !== null;
  }

  /** One key press (`KeyboardEvent.key`) at `timeMs` (any monotonic clock in ms). */
  push(key: string, timeMs: number): WedgeOutput[] {
    // Scanners press Shift for capitals; modifiers are neither data nor a break.
    if (MODIFIERS.has(key)) return [];
    const out: WedgeOutput[] = [];
    if (this.#burst.length > 0 && timeMs - this.#lastAt > this.#allowedGap()) out.push(...this.#finish());

    if (this.#burst.length === 0) {
      // A burst never starts with Enter, Tab or a named key: those are a person's.
      if (!isCharacter(key)) return [...out, { kind: 'keys', keys: [key] }];
      this.#prefixed = key === this.#prefix;
      this.#add(key, timeMs);
      return out;
    }
    if (isCharacter(key) || isTerminator(key)) {
      this.#add(key, timeMs);
      if (this.#burst.length >= MAX_BURST) out.push(...this.#finish());
      return out;
    }
    // Backspace, arrows, Escape…: a person is at the keyboard.
    return [...out, ...this.#finish(), { kind: 'keys', keys: [key] }];
  }

  /** Call at (or after) `nextDeadline()`: ends a burst followed by silence. */
  flush(timeMs: number): WedgeOutput[] {
    if (this.#burst.length === 0 || timeMs - this.#lastAt <= this.#allowedGap()) return [];
    return this.#finish();
  }

  /** When `flush` should next be called, or null when nothing is held. */
  nextDeadline(): number | null {
    return this.#burst.length === 0 ? null : this.#lastAt + this.#allowedGap() + 1;
  }

  /** Hands back whatever is held, as typed keys (e.g. when the window loses focus). */
  release(): WedgeOutput[] {
    if (this.#burst.length === 0) return [];
    const keys = this.#burst;
    this.#reset();
    return [{ kind: 'keys', keys }];
  }

  #add(key: string, timeMs: number): void {
    this.#burst.push(key);
    if (!isTerminator(key)) this.#characters += 1;
    this.#lastAt = timeMs;
  }

  /** How long a silence still continues the current burst. */
  #allowedGap(): number {
    const last = this.#burst.at(-1);
    if (last !== undefined && isTerminator(last)) return this.#maxInterKeyMs;
    if (this.#prefixed || this.#characters >= this.#minLength) return this.#quietMs;
    return this.#maxInterKeyMs;
  }

  #finish(): WedgeOutput[] {
    const keys = this.#burst;
    const prefixed = this.#prefixed;
    this.#reset();
    let end = keys.length;
    const last = keys[end - 1];
    const terminator = last !== undefined && isTerminator(last) ? last : null;
    if (terminator !== null) end -= 1;
    const body = keys.slice(prefixed ? 1 : 0, end);
    const characters = body.filter((k) => !isTerminator(k)).length;
    const isScan = prefixed ? characters > 0 : !this.#requirePrefix && characters >= this.#minLength;
    if (!isScan) return [{ kind: 'keys', keys }];
    return [{ kind: 'scan', data: body.map((k) => (k === 'Enter' ? '\n' : k === 'Tab' ? '\t' : k)).join(''), terminator }];
  }

  #reset(): void {
    this.#burst = [];
    this.#characters = 0;
    this.#prefixed = false;
  }
}
