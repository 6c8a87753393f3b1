import { useDialogEscape } from './useDialogEscape';

/**
 * Signing out with a cart on the counter: the next person must not inherit
 * it. Parked, it waits (under the budtender's name) to be resumed; released,
 * its stock goes back on the shelf.
 */
export function SignOutDialog({
  lines,
  customer,
  busy,
  error,
  onPark,
  onRelease,
  onCancel,
}: {
  readonly lines: number;
  readonly customer: boolean;
  readonly busy: boolean;
  readonly error: string | null;
  readonly onPark: () => void;
  readonly onRelease: () => void;
  readonly onCancel: () => void;
}) {
  useDialogEscape(onCancel);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Sign out</h2>
        <p>
          The cart on the counter has {lines} line{lines === 1 ? '' : 's'}
          {customer ? ' and a checked-in customer' : ''}. The next person starts with an empty counter: park this cart to finish it later, or release it (its
          stock goes back on the shelf).
        </p>
        <p className="field-error" role="alert">
          {error === null ? '' : `⚠ ${error}`}
        </p>
        <div className="dialog-actions wrap">
          <button type="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" disabled={busy} onClick={onRelease}>
            Release it and sign out
          </button>
          <button type="button" className="primary" disabled={busy} onClick={onPark}>
            Park it and sign out
          </button>
        </div>
      </div>
    </div>
  );
}
