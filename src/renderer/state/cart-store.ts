import { create } from 'zustand';
import type { CommandOutput } from '../../shared/contract';
import type { CartView } from '../../shared/contract/cart';
import type { CompletedSaleView } from '../../shared/contract/sales';
import type { AppErrorValue, Result } from '../../shared/errors';
import { send } from '../transport';
import { sendApproved } from './approval-flow';
import type { Approval } from '../components/ApprovalDialog';
import type { ManualDiscountRequest } from '../components/ManualDiscountDialog';

type ParkedCart = CommandOutput<'cart-list-parked'>['items'][number];

interface CartState {
  readonly cart: CartView | null;
  readonly parked: readonly ParkedCart[];
  /** The last error, shown next to the scan box that caused it. */
  readonly error: AppErrorValue | null;
  readonly ensureCart: () => Promise<string | null>;
  readonly scan: (code: string, extra?: { quantity?: number; weightMg?: number }) => Promise<boolean>;
  readonly setQuantity: (lineId: string, quantity: number) => Promise<void>;
  readonly removeLine: (lineId: string) => Promise<void>;
  readonly park: (label: string) => Promise<void>;
  readonly resume: (cartId: string) => Promise<void>;
  readonly loadParked: () => Promise<void>;
  /** Shows a cart the core has just opened at this till for someone else's flow (an online order handed over). */
  readonly take: (cartId: string) => Promise<void>;
  readonly attachCustomer: (customerId: string | null) => Promise<void>;
  readonly reload: () => Promise<void>;
  /** Shows again the cart this person left open at this till (a reload, a restart), when the counter has none. */
  readonly restore: () => Promise<void>;
  /** Answers the error so the caller can ask for a manager's PIN and try again. */
  readonly manualDiscount: (request: ManualDiscountRequest, approval?: Approval) => Promise<AppErrorValue | null>;
  /** The sale just completed (change due, receipt), until the next customer. */
  readonly completed: CompletedSaleView | null;
  readonly finishSale: (sale: CompletedSaleView) => void;
  readonly nextCustomer: () => void;
  readonly clearError: () => void;
  /** Lets go of the counter (sign-out, someone else signing in): no cart, no customer, no sale on screen. */
  readonly reset: () => void;
}

/**
 * Cart commands one after another: a burst of scans sent while the first
 * is still opening the cart must not open a cart each (the others would
 * hold stock unseen), and each answer must be newer than the one before it.
 */
let tail: Promise<unknown> = Promise.resolve();
function serial<T>(work: () => Promise<T>): Promise<T> {
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}

/** The cart being rung; every change goes to the core, which owns stock holds. */
export const useCart = create<CartState>((set, get) => {
  const apply = (result: Result<CartView>): boolean => {
    set(result.ok ? { cart: result.value, error: null } : { error: result.error });
    return result.ok;
  };
  /** The open cart's id, opening one when there is none (inside `serial` work only). */
  const openCart = async (): Promise<string | null> => {
    const current = get().cart;
    if (current !== null && current.status === 'open') return current.cartId;
    const opened = await send('cart-open', {});
    apply(opened);
    return opened.ok ? opened.value.cartId : null;
  };
  return {
    cart: null,
    parked: [],
    error: null,

    ensureCart: () => serial(openCart),

    scan: (code, extra = {}) =>
      serial(async () => {
        const cartId = await openCart();
        if (cartId === null) return false;
        return apply(await send('cart-scan', { cartId, code, ...extra }));
      }),

    setQuantity: (lineId, quantity) =>
      serial(async () => {
        const cart = get().cart;
        if (cart !== null) apply(await send('cart-set-quantity', { cartId: cart.cartId, lineId, quantity }));
      }),

    removeLine: (lineId) =>
      serial(async () => {
        const cart = get().cart;
        if (cart !== null) apply(await send('cart-remove-line', { cartId: cart.cartId, lineId }));
      }),

    park: async (label) => {
      const result = await serial(async () => {
        const cart = get().cart;
        return cart === null ? null : send('cart-park', { cartId: cart.cartId, label });
      });
      if (result === null) return;
      if (result.ok) set({ cart: null, error: null });
      else set({ error: result.error });
      await get().loadParked();
    },

    resume: async (cartId) => {
      await serial(async () => apply(await send('cart-resume', { cartId })));
      await get().loadParked();
    },

    take: (cartId) =>
      serial(async () => {
        set({ completed: null });
        apply(await send('cart-get', { cartId }));
      }),

    loadParked: async () => {
      const result = await send('cart-list-parked', {});
      if (result.ok) set({ parked: result.value.items });
    },

    clearError: () => set({ error: null }),

    attachCustomer: (customerId) =>
      serial(async () => {
        const cartId = await openCart();
        if (cartId !== null) apply(await send('cart-attach-customer', { cartId, customerId }));
      }),

    reload: () =>
      serial(async () => {
        const cart = get().cart;
        if (cart !== null) apply(await send('cart-get', { cartId: cart.cartId }));
      }),

    restore: () =>
      serial(async () => {
        if (get().cart !== null || get().completed !== null) return;
        const result = await send('cart-current', {});
        // Not shown as an error: the counter simply starts empty, as before.
        if (result.ok && result.value.cart !== null && get().cart === null) set({ cart: result.value.cart });
      }),

    manualDiscount: (request, approval) =>
      serial(async () => {
        const cart = get().cart;
        if (cart === null) return null;
        const result = await sendApproved('cart-manual-discount', { cartId: cart.cartId, ...request }, approval);
        apply(result);
        return result.ok ? null : result.error;
      }),

    completed: null,
    finishSale: (sale) => set({ completed: sale, cart: null, error: null }),
    nextCustomer: () => set({ completed: null }),
    reset: () => set({ cart: null, completed: null, error: null, parked: [] }),
  };
});
