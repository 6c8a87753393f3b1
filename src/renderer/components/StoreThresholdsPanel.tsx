import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { StoreThresholds } from '../../shared/contract/store-thresholds';
import type { AppErrorValue } from '../../shared/errors';
import { centsToDollarsText, dollarsToCents } from '../money-input';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

interface Draft {
  readonly openMinutes: string;
  readonly parkedMinutes: string;
  readonly drawerVariance: string;
  readonly adjustmentApproval: string;
}

const draftOf = (t: StoreThresholds): Draft => ({
  openMinutes: String(t.idleCart.openMinutes),
  parkedMinutes: String(t.idleCart.parkedMinutes),
  drawerVariance: centsToDollarsText(t.drawerVarianceCents),
  adjustmentApproval: centsToDollarsText(t.adjustmentApprovalCents),
});

/** What was typed, as the command takes it; a field that is not a number is named (the core checks the bounds). */
function thresholdsOf(draft: Draft): StoreThresholds | string {
  const minutes = (text: string) => (/^\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : null);
  const openMinutes = minutes(draft.openMinutes);
  const parkedMinutes = minutes(draft.parkedMinutes);
  const drawerVarianceCents = dollarsToCents(draft.drawerVariance);
  const adjustmentApprovalCents = dollarsToCents(draft.adjustmentApproval);
  if (openMinutes === null) return 'Type the minutes an open cart is kept, in whole minutes.';
  if (parkedMinutes === null) return 'Type the minutes a parked cart is kept, in whole minutes.';
  if (drawerVarianceCents === null) return 'Type the drawer variance threshold in dollars, like 1.00.';
  if (adjustmentApprovalCents === null) return 'Type the stock adjustment threshold in dollars, like 50.00.';
  return { idleCart: { openMinutes, parkedMinutes }, drawerVarianceCents, adjustmentApprovalCents };
}

/**
 * The store's thresholds (issue #20), for whoever changes store settings (a
 * manager, the admin): how long an idle cart holds its stock, and which
 * drawer or count variance needs a manager's approval. Each change is
 * audited, and in a store with a server it reaches every register.
 */
export function StoreThresholdsPanel() {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await send('store-thresholds-get', {});
    if (!result.ok) return setError(result.error);
    setDraft(draftOf(result.value));
  }, []);
  useEffect(() => void load(), [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    const chosen = thresholdsOf(draft);
    if (typeof chosen === 'string') {
      setNotice(null);
      return setError({ code: 'THRESHOLD_NOT_A_NUMBER', message: chosen });
    }
    const result = await send('store-thresholds-set', chosen);
    if (!result.ok) {
      setNotice(null);
      return setError(result.error);
    }
    setError(null);
    setDraft(draftOf(result.value));
    setNotice('Thresholds saved (recorded in the audit log).');
  };

  if (draft === null) return <ErrorBanner error={error} />;
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  return (
    <section aria-label="Store thresholds" data-testid="store-thresholds">
      <h3>Thresholds</h3>
      <ErrorBanner error={error} />
      {notice === null ? null : (
        <p className="notice" role="status">
          ✓ {notice}
        </p>
      )}
      <form className="thresholds-form" aria-label="Store thresholds" onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>Idle carts stop holding stock after</legend>
          <label className="inline-label">
            Open (minutes)
            <input inputMode="numeric" maxLength={5} {...field('openMinutes')} />
          </label>
          <label className="inline-label">
            Parked (minutes)
            <input inputMode="numeric" maxLength={5} {...field('parkedMinutes')} />
          </label>
        </fieldset>
        <fieldset>
          <legend>A manager approves</legend>
          <label className="inline-label">
            Drawer over or short by more than ($)
            <input inputMode="decimal" maxLength={10} {...field('drawerVariance')} />
          </label>
          <label className="inline-label">
            Stock count variance worth more than ($)
            <input inputMode="decimal" maxLength={10} {...field('adjustmentApproval')} />
          </label>
        </fieldset>
        <button type="submit">Save thresholds</button>
      </form>
    </section>
  );
}
