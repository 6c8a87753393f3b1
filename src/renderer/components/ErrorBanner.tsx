import type { AppErrorValue } from '../../shared/errors';

/** Errors are shown in words, with an icon and text so colour is not the only signal. */
export function ErrorBanner({ error }: { readonly error: AppErrorValue | null }) {
  if (error === null) return null;
  return (
    <div className="error-banner" role="alert">
      <span aria-hidden="true">⚠</span> {error.message}
    </div>
  );
}
