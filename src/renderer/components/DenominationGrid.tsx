import { useState } from 'react';
import { formatCents } from '../../shared/money';
import { DIGIT_KEYS, Keypad, type KeypadKey } from './Keypad';

/** US notes and coins, largest first, as counted into a drawer. */
export const DENOMINATIONS = [10_000, 5_000, 2_000, 1_000, 500, 100, 25, 10, 5, 1] as const;

export type Counts = Readonly<Record<string, number>>;

/** Whether anything was entered at all (a 0 typed counts: the drawer holds none of those). */
export function anythingCounted(counts: Counts): boolean {
  return Object.keys(counts).length > 0;
}

export function countedTotal(counts: Counts): number {
  return Object.entries(counts).reduce((sum, [cents, pieces]) => sum + Number(cents) * pieces, 0);
}

/** The count keypad: digits as on the PIN pad, clear and delete beside the 0. */
const COUNT_KEYS: readonly KeypadKey[] = [
  ...DIGIT_KEYS,
  { key: 'clear', label: 'Clear', name: 'Clear this count' },
  { key: '0' },
  { key: 'back', label: '⌫', name: 'Delete last digit' },
];

/** How many pieces a field's text says (blank: not counted). */
function piecesOf(text: string): number | null {
  const digits = text.replace(/\D/g, '').slice(0, 6);
  return digits === '' ? null : Number(digits);
}

/**
 * One number field per denomination, typed, or keyed on the count keypad
 * beside them (a tap on a field picks it; the keys fill the one picked), so
 * a touch screen counts without a keyboard. The total is shown as the count goes.
 */
export function DenominationGrid({ counts, onChange, label }: { readonly counts: Counts; readonly onChange: (next: Counts) => void; readonly label: string }) {
  const [picked, setPicked] = useState<number | null>(null);
  const set = (cents: number, pieces: number | null) => {
    // A field left blank is not counted (0 typed is: "none of these").
    const { [String(cents)]: _cleared, ...rest } = counts;
    onChange(pieces === null ? rest : { ...rest, [String(cents)]: pieces });
  };
  const key = (k: string) => {
    if (picked === null) return;
    const now = counts[String(picked)];
    const text = now === undefined ? '' : String(now);
    if (k === 'clear') set(picked, null);
    else if (k === 'back') set(picked, piecesOf(text.slice(0, -1)));
    else set(picked, piecesOf(text + k));
  };
  return (
    <fieldset className="denominations">
      <legend>{label}</legend>
      <div className="denomination-fields">
        {DENOMINATIONS.map((cents) => (
          <label key={cents} className={picked === cents ? 'picked' : undefined}>
            <span>{formatCents(cents)}</span>
            <input
              inputMode="numeric"
              aria-label={`${formatCents(cents)} pieces`}
              value={counts[String(cents)] ?? ''}
              onFocus={() => setPicked(cents)}
              onChange={(event) => set(cents, piecesOf(event.target.value))}
            />
          </label>
        ))}
        <p className="count-total" data-testid="count-total">
          Total {formatCents(countedTotal(counts))}
        </p>
      </div>
      <div className="count-keys">
        <p className="muted" aria-live="polite">
          {picked === null ? 'Tap a note or coin, then key how many.' : `Keying ${formatCents(picked)} pieces`}
        </p>
        <Keypad name="Count keypad" keys={COUNT_KEYS} onKey={key} />
      </div>
    </fieldset>
  );
}
