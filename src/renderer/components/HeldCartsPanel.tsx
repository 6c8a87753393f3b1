import { useCallback, useEffect, useState } from 'react';
import type { CommandOutput } from '../../shared/contract';
import type { AppErrorValue } from '../../shared/errors';
import { send } from '../transport';
import { ErrorBanner } from './ErrorBanner';

type Held = CommandOutput<'carts-held'>['items'];

/**
 * Carts at this till still holding stock (open or parked). They stop the
 * drawer's close until each is completed at the counter or released here,
 * with the reason, for the audit log.
 */
export function HeldCartsPanel({ refreshKey = 0 }: { readonly refreshKey?: number }) {
  const [items, setItems] = useState<Held>([]);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppErrorValue | null>(null);
  const load = useCallback(async () => {
    const result = await send('carts-held', {});
    if (result.ok) setItems(result.value.items);
    setError(result.ok ? null : result.error);
  }, []);
  useEffect(() => void load(), [load, refreshKey]);
  if (items.length === 0 && error === null) return null;
  return (
    <section aria-label="Carts holding stock" data-testid="held-carts">
      <h3>Carts holding stock ({items.length})</h3>
      <p className="muted">Complete them at the counter, or release them here before closing the drawer.</p>
      <ErrorBanner error={error} />
      <ul>
        {items.map((cart) => (
          <li key={cart.cartId}>
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void send('cart-release', { cartId: cart.cartId, reason: reasons[cart.cartId] ?? '' }).then(async (r) => {
                  setError(r.ok ? null : r.error);
                  await load();
                });
              }}
            >
              <span>
                {cart.status === 'parked' ? `Parked “${cart.label ?? ''}”` : 'Open cart'} · {cart.lines} line{cart.lines === 1 ? '' : 's'}, {cart.units} unit
                {cart.units === 1 ? '' : 's'} · since {new Date(cart.updatedAt).toLocaleTimeString()}
              </span>
              <input
                aria-label="Why release this cart"
                placeholder="Why (e.g. customer left)"
                value={reasons[cart.cartId] ?? ''}
                onChange={(e) => setReasons({ ...reasons, [cart.cartId]: e.target.value })}
              />
              <button type="submit" disabled={(reasons[cart.cartId] ?? '').trim() === ''}>
                Release
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
