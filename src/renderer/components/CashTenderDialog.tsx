import { useState } from 'react';
import { formatCents } from '../../shared/money';
import { centsFromDigits } from '../money-input';
import { DIGIT_KEYS, Keypad, type KeypadKey } from './Keypad';
import { useDialogEscape } from './useDialogEscape';

/** Cash keys as on a till: digits fill from the right (5, 0, 0, 00 → 500.00). */
const CASH_KEYS: readonly KeypadKey[] = [...DIGIT_KEYS, { key: '00' }, { key: '0' }, { key: 'back', label: '⌫', name: 'Delete last digit' }];
/** 50000 → "500.00": the field's own text (no $, no thousands separator, so typing at its end keeps working). */
function fieldText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * The cash handed over, keyed on the keypad or typed, with the change it
 * leaves; `dueCents` is what cash must cover (the total, or what is left
 * after a debit part). Take is offered only once the amount covers it.
 */
export function CashTenderDialog({
  dueCents,
  title = 'Cash handed over',
  onTake,
  onCancel,
}: {
  readonly dueCents: number;
  readonly title?: string;
  readonly onTake: (tenderedCents: number) => void;
  readonly onCancel: () => void;
}) {
  const [cents, setCents] = useState(0);
  useDialogEscape(onCancel);
  const tap = (key: string) => setCents((c) => (key === 'back' ? Math.floor(c / 10) : centsFromDigits(`${c}${key}`)));
  const short = cents < dueCents;
  return (
    <div className="dialog-backdrop">
      <form
        className="dialog cash-tender"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cash-tender-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (!short) onTake(cents);
        }}
      >
        <h2 id="cash-tender-title">{title}</h2>
        <p>
          Due in cash <strong data-testid="cash-due">{formatCents(dueCents)}</strong>
        </p>
        <label>
          Cash handed over ($)
          <input
            className="cash-amount"
            inputMode="numeric"
            autoComplete="off"
            value={fieldText(cents)}
            onChange={(event) => setCents(centsFromDigits(event.target.value))}
            autoFocus
          />
        </label>
        <Keypad name="Cash keypad" keys={CASH_KEYS} onKey={tap} />
        <p className={short ? 'field-error' : 'change-preview'} data-testid="cash-change" aria-live="polite">
          {cents === 0
            ? 'Key the amount handed over.'
            : short
              ? `⚠ ${formatCents(dueCents - cents)} short of what is due.`
              : `Change ${formatCents(cents - dueCents)}`}
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={short}>
            Take {formatCents(cents)} cash
          </button>
        </div>
      </form>
    </div>
  );
}
