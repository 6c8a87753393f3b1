import { formatCents } from '../../shared/money';

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

/** One number field per denomination; the total is shown as the count goes. */
export function DenominationGrid({ counts, onChange, label }: { readonly counts: Counts; readonly onChange: (next: Counts) => void; readonly label: string }) {
  return (
    <fieldset className="denominations">
      <legend>{label}</legend>
      {DENOMINATIONS.map((cents) => (
        <label key={cents}>
          <span>{formatCents(cents)}</span>
          <input
            inputMode="numeric"
            aria-label={`${formatCents(cents)} pieces`}
            value={counts[String(cents)] ?? ''}
            onChange={(event) => {
              const digits = event.target.value.replace(/\D/g, '');
              // A field left blank is not counted (0 typed is: "none of these").
              const { [String(cents)]: _cleared, ...rest } = counts;
              onChange(digits === '' ? rest : { ...rest, [String(cents)]: Number(digits) });
            }}
          />
        </label>
      ))}
      <p className="count-total" data-testid="count-total">
        Total {formatCents(countedTotal(counts))}
      </p>
    </fieldset>
  );
}
