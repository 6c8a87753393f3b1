import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { useSession } from '../state/session-store';
import { send } from '../transport';
import { ConfirmDialog } from './ConfirmDialog';

type Retention = CommandOutput<'id-retention-get'>;
type Policy = Retention['policy'];

const describe = (policy: Policy) => (policy.retain === 'never' ? 'Not kept (deleted once the check is done)' : `Kept ${policy.days} days`);

/**
 * How long adult-use ID data may be kept (issue #17, item 15): read by
 * whoever reviews compliance, changed by whoever holds `compliance.configure`
 * (the compliance officer, the admin). A shorter window deletes what now
 * falls outside it at once, so the change is confirmed first.
 */
export function IdRetentionPanel() {
  const { session, staff } = useSession();
  const canChange = session?.permissions.includes('compliance.configure') ?? false;
  const [current, setCurrent] = useState<Retention | null>(null);
  const [retain, setRetain] = useState<'never' | 'days'>('never');
  const [days, setDays] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const load = useCallback(async () => {
    const result = await send('id-retention-get', {});
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCurrent(result.value);
    setRetain(result.value.policy.retain);
    setDays(result.value.policy.retain === 'days' ? String(result.value.policy.days) : '');
  }, []);
  useEffect(() => void load(), [load]);

  const dayCount = Number.parseInt(days, 10);
  const chosen: Policy | null =
    retain === 'never' ? { retain: 'never' } : Number.isInteger(dayCount) && dayCount > 0 ? { retain: 'days', days: dayCount } : null;
  const chooser = current?.chosenBy === null || current === null ? null : (staff.find((s) => s.staffId === current.chosenBy)?.displayName ?? current.chosenBy);

  return (
    <section aria-label="ID data retention" data-testid="id-retention">
      <h3>ID data retention</h3>
      {current === null ? null : (
        <p data-testid="id-retention-current">
          Adult-use ID data: <strong>{describe(current.policy)}</strong>
          {current.chosenAt === null
            ? ' (the default: never chosen)'
            : `, chosen by ${chooser ?? 'unknown'} on ${new Date(current.chosenAt).toLocaleDateString('en-US')}`}
        </p>
      )}
      {message === null ? null : (
        <p className="notice" role="status">
          ✓ {message}
        </p>
      )}
      <p className="field-error" role="alert" data-testid="id-retention-error">
        {error === null ? '' : `⚠ ${error.message}`}
      </p>
      {!canChange || current === null ? null : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen !== null) setConfirming(true);
          }}
        >
          <label className="inline-label">
            Keep adult-use ID data
            <select value={retain} onChange={(e) => setRetain(e.target.value as 'never' | 'days')}>
              <option value="never">Never</option>
              <option value="days">For a number of days</option>
            </select>
          </label>
          {retain === 'days' ? (
            <label className="inline-label">
              Number of days
              <input inputMode="numeric" maxLength={4} value={days} onChange={(e) => setDays(e.target.value.replace(/\D/g, ''))} />
            </label>
          ) : null}
          <button type="submit" disabled={chosen === null}>
            Save retention
          </button>
        </form>
      )}
      {confirming && chosen !== null ? (
        <ConfirmDialog
          title="Change ID data retention?"
          figures={[
            { label: 'Now', value: current === null ? '' : describe(current.policy) },
            { label: 'From now on', value: describe(chosen) },
          ]}
          note="Adult-use ID data outside the new window is deleted as soon as you confirm, and cannot be brought back. The change is recorded in the audit log."
          confirmLabel="Save and apply now"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void send('id-retention-set', { policy: chosen }).then(async (result) => {
              setError(result.ok ? null : result.error);
              if (!result.ok) return;
              setMessage(`Saved. ${result.value.purged === 1 ? '1 record' : `${result.value.purged} records`} outside the window deleted.`);
              await load();
            });
          }}
        />
      ) : null}
    </section>
  );
}
