import { useId, useState } from 'react';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { shownErrors } from '../state/shown-errors';
import { ErrorBanner } from './ErrorBanner';
import { useDialogEscape } from './useDialogEscape';

/**
 * Report a problem to IT (F8, or the header's button): a line saying what is
 * wrong and, optionally, what happened. The register attaches the screen,
 * the last errors shown, devices, sync, version and terminal itself.
 */
export function IncidentDialog({ screen, onClose }: { readonly screen: string; readonly onClose: () => void }) {
  const titleId = useId();
  useDialogEscape(onClose);
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<AppErrorValue | null>(null);
  const [sending, setSending] = useState(false);
  const [logged, setLogged] = useState<number | null>(null);
  const errors = shownErrors();
  const submit = async () => {
    setSending(true);
    const result = await send('incident-report', { summary, description: description.trim(), screen, recentErrors: errors });
    setSending(false);
    if (result.ok) setLogged(result.value.number);
    else setError(result.error);
  };
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Report a problem to IT</h2>
        {logged !== null ? (
          <>
            <p data-testid="incident-logged">Logged as incident #{logged}. IT sees it in the incident log (Sync screen).</p>
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={onClose} autoFocus>
                Close
              </button>
            </div>
          </>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <ErrorBanner error={error} />
            <label>
              What is wrong?
              <input value={summary} maxLength={120} onChange={(e) => setSummary(e.target.value)} autoFocus required />
            </label>
            <label>
              What happened (optional)
              <input value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
            </label>
            <p className="muted">
              Attached by the register: this screen ({screen}), the last {errors.length} error(s) shown, device health, sync state, app version and terminal.
              Please do not type customer names or ID numbers (they are removed).
            </p>
            <div className="dialog-actions">
              <button type="button" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={sending || summary.trim() === ''}>
                {sending ? 'Logging…' : 'Log it'}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
