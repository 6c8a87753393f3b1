/** A key of an on-screen keypad: what it types, and what it is called to a screen reader. */
export interface KeypadKey {
  readonly key: string;
  readonly label?: string;
  readonly name?: string;
}

export const DIGIT_KEYS: readonly KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((key) => ({ key }));

/** A PIN pad: digits as on a phone, clear and delete beside the 0. */
export const PIN_KEYS: readonly KeypadKey[] = [
  ...DIGIT_KEYS,
  { key: 'clear', label: 'Clear', name: 'Clear PIN' },
  { key: '0' },
  { key: 'back', label: '⌫', name: 'Delete last digit' },
];

/** What a PIN pad's key does to the PIN so far (at most 8 digits). */
export function pinAfter(pin: string, key: string): string {
  if (key === 'clear') return '';
  if (key === 'back') return pin.slice(0, -1);
  return pin.length < 8 ? pin + key : pin;
}

/**
 * Touch keys in a grid, each at least 56 px square. A tap does not take the
 * focus from the field being filled, so a keyboard (or a scanner) can carry
 * on where the finger left off.
 */
export function Keypad({ name, keys, onKey }: { readonly name: string; readonly keys: readonly KeypadKey[]; readonly onKey: (key: string) => void }) {
  return (
    <div className="keypad" role="group" aria-label={name}>
      {keys.map((k) => (
        <button key={k.key} type="button" aria-label={k.name} onMouseDown={(event) => event.preventDefault()} onClick={() => onKey(k.key)}>
          {k.label ?? k.key}
        </button>
      ))}
    </div>
  );
}
