import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { formatCents } from '../../shared/money';
import type { StaffRole } from '../../shared/permissions';
import { basisPointsText, centsToDollarsText, dollarsToCents, percentToBasisPoints } from '../money-input';
import { useSession } from '../state/session-store';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';
import { ROLE_LABELS } from '../role-labels';

type Ceiling = CommandOutput<'discount-ceilings-get'>['ceilings'][number];

/**
 * How large a manual discount each role may give or approve (issue #16,
 * finding 15), for whoever changes store settings. Nobody raises their own
 * role's ceiling (the core refuses it by name); each save is audited and,
 * in a store with a server, reaches every register.
 */
export function DiscountCeilingsPanel() {
  const ownRole = useSession((s) => s.session?.staff?.role ?? null);
  const [ceilings, setCeilings] = useState<readonly Ceiling[] | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await send('discount-ceilings-get', {});
    if (result.ok) setCeilings(result.value.ceilings);
    else setError(result.error);
  }, []);
  useEffect(() => void load(), [load]);

  const save = async (role: StaffRole, percent: string, amount: string) => {
    const percentBp = percentToBasisPoints(percent);
    const amountCents = dollarsToCents(amount);
    setNotice(null);
    if (percentBp === null) return setError({ code: 'CEILING_NOT_A_NUMBER', message: 'Type the percentage as a number, like 20 or 12.5.' });
    if (amountCents === null) return setError({ code: 'CEILING_NOT_A_NUMBER', message: 'Type the amount in dollars, like 100.00.' });
    const result = await send('discount-ceilings-set', { role, percentBp, amountCents });
    if (!result.ok) return setError(result.error);
    setError(null);
    setNotice(`${ROLE_LABELS[role]}: at most ${basisPointsText(percentBp)}% or ${formatCents(amountCents)} off a cart.`);
    await load();
  };

  return (
    <section aria-label="Manual discount ceilings" data-testid="discount-ceilings">
      <h3>Manual discount ceilings</h3>
      <p className="muted">The most each role may take off one cart by hand, as a percentage or an amount (whichever is reached first).</p>
      <ErrorBanner error={error} />
      {notice === null ? null : (
        <p className="notice" role="status">
          ✓ {notice}
        </p>
      )}
      {ceilings === null ? null : (
        <table className="figures discount-ceilings">
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Percent</th>
              <th scope="col">Amount ($)</th>
              <th scope="col">
                <span className="visually-hidden">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ceilings.map((c) => (
              // Nobody raises their own role's ceiling, but the admin (the owner) sets every ceiling, theirs included.
              <CeilingRow key={`${c.role}:${c.percentBp}:${c.amountCents}`} ceiling={c} own={c.role === ownRole && ownRole !== 'admin'} onSave={save} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CeilingRow(props: {
  readonly ceiling: Ceiling;
  readonly own: boolean;
  readonly onSave: (role: StaffRole, percent: string, amount: string) => Promise<void>;
}) {
  const { ceiling, own } = props;
  const [percent, setPercent] = useState(basisPointsText(ceiling.percentBp));
  const [amount, setAmount] = useState(centsToDollarsText(ceiling.amountCents));
  const label = ROLE_LABELS[ceiling.role];
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <input aria-label={`${label} percent`} inputMode="decimal" maxLength={6} value={percent} disabled={own} onChange={(e) => setPercent(e.target.value)} />
      </td>
      <td>
        <input aria-label={`${label} amount`} inputMode="decimal" maxLength={10} value={amount} disabled={own} onChange={(e) => setAmount(e.target.value)} />
      </td>
      <td>
        {own ? (
          <span className="muted">Your own role: set by an admin</span>
        ) : (
          <button type="button" onClick={() => void props.onSave(ceiling.role, percent, amount)}>
            Save {label}
          </button>
        )}
      </td>
    </tr>
  );
}
