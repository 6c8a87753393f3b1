import { useEffect } from 'react';
import type { AppErrorValue } from '../../shared/errors';
import { rememberShownError } from '../state/shown-errors';

/** Errors are shown in words, with an icon and text so colour is not the only signal; each one shown is kept for an IT incident report. */
export function ErrorBanner({ error }: { readonly error: AppErrorValue | null }) {
  useEffect(() => {
    if (error !== null) rememberShownError(error);
  }, [error]);
  if (error === null) return null;
  return (
    <div className="error-banner" role="alert">
      <span aria-hidden="true">⚠</span> {error.message}
    </div>
  );
}
