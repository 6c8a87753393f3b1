import { useEffect, useRef, useState } from 'react';
import { useCart } from '../state/cart-store';
import { useConnection } from '../state/connection-store';
import { useSession } from '../state/session-store';

/**
 * The page comes back by itself after the core was away (issue #19): the
 * session is read again (retried until the core answers). A restarted core
 * has no staff session — it lived in the process that died — so the page
 * lands on sign-in, and the cart mirror is let go: the open cart is in the
 * database and comes back at sign-in (`cart-current`).
 */
async function recover(): Promise<'signed-in' | 'signed-out'> {
  await useSession.getState().load();
  const session = useSession.getState().session;
  if (session?.staff != null) {
    await useCart.getState().reload();
    return 'signed-in';
  }
  useCart.getState().reset();
  return 'signed-out';
}

/** "Reconnecting to the register…" while the core is away; then why the page asks for a PIN again, and the write that was cut short. */
export function ConnectionBanner() {
  const reconnecting = useConnection((s) => s.reconnecting);
  const recoveries = useConnection((s) => s.recoveries);
  const interrupted = useConnection((s) => s.interrupted);
  const dismissInterrupted = useConnection((s) => s.dismissInterrupted);
  const signedIn = useSession((s) => s.session?.staff != null);
  const signedInRef = useRef(signedIn);
  signedInRef.current = signedIn;
  /** Someone was signed in when the core went away, and it came back without them: say why the PIN is asked again. */
  const [signInAgain, setSignInAgain] = useState(false);
  const wasSignedIn = useRef(false);

  useEffect(() => {
    if (!reconnecting) return;
    wasSignedIn.current = wasSignedIn.current || signedInRef.current;
    // Something to retry even when nothing else is polling (the sign-in screen): answers end the reconnecting state.
    void useSession.getState().load();
  }, [reconnecting]);

  useEffect(() => {
    if (recoveries === 0) return;
    const hadSomeone = wasSignedIn.current || signedInRef.current;
    wasSignedIn.current = false;
    void recover().then((outcome) => {
      if (outcome === 'signed-out' && hadSomeone) setSignInAgain(true);
    });
  }, [recoveries]);

  useEffect(() => {
    if (signedIn) setSignInAgain(false);
  }, [signedIn]);

  return (
    <>
      {reconnecting ? (
        <div className="connection-banner" role="status" data-testid="connection-banner" data-state="reconnecting">
          <span aria-hidden="true">⟳</span> Reconnecting to the register…
        </div>
      ) : signInAgain ? (
        <div className="connection-banner" role="status" data-testid="connection-banner" data-state="restarted">
          <span aria-hidden="true">⟳</span> The register restarted. Sign in again: the open cart is kept.
        </div>
      ) : null}
      {interrupted === null ? null : (
        <div className="error-banner" role="alert" data-testid="interrupted-write">
          <span aria-hidden="true">⚠</span> {interrupted.message}{' '}
          <button type="button" className="ghost" onClick={dismissInterrupted}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
