import type { ComponentPropsWithRef } from 'react';

/** The staff PIN policy's longest PIN (src/staff-pin/pin.ts PIN_MAX_DIGITS: 4 to 8 digits). */
const PIN_MAX_DIGITS = 8;

type Props = Omit<ComponentPropsWithRef<'input'>, 'type' | 'inputMode' | 'maxLength' | 'value' | 'onChange'> & {
  readonly value: string;
  /** The digits typed (anything else is dropped as it is typed). */
  readonly onPin: (pin: string) => void;
};

/**
 * A staff PIN field, wherever one is asked for (signing in, a manager's
 * approval, the Staff screen, the store server's step-up): hidden, a
 * numeric keypad on a touch screen, digits only, at most the policy's
 * longest. Not remembered by the browser unless the caller says otherwise
 * (`autoComplete="new-password"` for a PIN being set).
 */
export function PinInput({ value, onPin, autoComplete = 'off', ...rest }: Props) {
  return (
    <input
      {...rest}
      type="password"
      inputMode="numeric"
      autoComplete={autoComplete}
      maxLength={PIN_MAX_DIGITS}
      value={value}
      onChange={(e) => onPin(e.target.value.replace(/\D/g, ''))}
    />
  );
}
