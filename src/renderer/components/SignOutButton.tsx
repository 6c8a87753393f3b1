import { useState } from 'react';
import { useCart } from '../state/cart-store';
import { useSession } from '../state/session-store';
import { send } from '../transport';
import { SignOutDialog } from './SignOutDialog';

/** Ends this person's turn at the counter: the cart (and its customer) do not pass to the next person. */
export function SignOutButton({ name }: { readonly name: string }) {
  const signOut = useSession((s) => s.signOut);
  const cart = useCart((s) => s.cart);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async () => {
    await signOut();
    useCart.getState().reset();
    setAsking(false);
  };
  const lines = cart?.status === 'open' ? cart.lines.length : 0;
  const letGo = async (how: 'park' | 'release') => {
    if (cart === null) return finish();
    setBusy(true);
    const time = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const result =
      how === 'park'
        ? await send('cart-park', { cartId: cart.cartId, label: `${name} ${time}`.slice(0, 40) })
        : await send('cart-release', { cartId: cart.cartId, reason: `Released at sign-out by ${name}` });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    await finish();
  };

  return (
    <>
      <button type="button" className="ghost" onClick={() => (lines > 0 ? setAsking(true) : void finish())}>
        Sign out
      </button>
      {asking ? (
        <SignOutDialog
          lines={lines}
          customer={cart?.customerId != null}
          busy={busy}
          error={error}
          onPark={() => void letGo('park')}
          onRelease={() => void letGo('release')}
          onCancel={() => {
            setAsking(false);
            setError(null);
          }}
        />
      ) : null}
    </>
  );
}
