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
  readonly attachCustomer: (customerId: string | null) => Promise<void>;
  readonly reload: () => Promise<void>;
  /** Answers the error so the caller can ask for a manager's PIN and try again. */
  readonly manualDiscount: (request: ManualDiscountRequest, approval?: Approval) => Promise<AppErrorValue | null>;
  /** The sale just completed (change due, receipt), until the next customer. */
  readonly completed: CompletedSaleView | null;
  readonly finishSale: (sale: CompletedSaleView) => void;
  readonly nextCustomer: () => void;
  readonly clearError: () => void;
}

/** The cart being rung; every change goes to the core, which owns stock holds. */
export const useCart = create<CartState>((set, get) => {
  const apply = (result: Result<CartView>): boolean => {
    set(result.ok ? { cart: result.value, error: null } : { error: result.error });
    return result.ok;
  };
  return {
    cart: null,
    parked: [],
    error: null,

    ensureCart: async () => {
      const current = get().cart;
      if (current !== null && current.status === 'open') return current.cartId;
      const opened = await send('cart-open', {});
      apply(opened);
      return opened.ok ? opened.value.cartId : null;
    },

    scan: async (code, extra = {}) => {
      const cartId = await get().ensureCart();
      if (cartId === null) return false;
      return apply(await send('cart-scan', { cartId, code, ...extra }));
    },

    setQuantity: async (lineId, quantity) => {
      const cart = get().cart;
      if (cart !== null) apply(await send('cart-set-quantity', { cartId: cart.cartId, lineId, quantity }));
    },

    removeLine: async (lineId) => {
      const cart = get().cart;
      if (cart !== null) apply(await send('cart-remove-line', { cartId: cart.cartId, lineId }));
    },

    park: async (label) => {
      const cart = get().cart;
      if (cart === null) return;
      const result = await send('cart-park', { cartId: cart.cartId, label });
      if (result.ok) set({ cart: null, error: null });
      else set({ error: result.error });
      await get().loadParked();
    },

    resume: async (cartId) => {
      apply(await send('cart-resume', { cartId }));
      await get().loadParked();
    },

    loadParked: async () => {
      const result = await send('cart-list-parked', {});
      if (result.ok) set({ parked: result.value.items });
    },

    clearError: () => set({ error: null }),

    attachCustomer: async (customerId) => {
      const cartId = await get().ensureCart();
      if (cartId !== null) apply(await send('cart-attach-customer', { cartId, customerId }));
    },

    reload: async () => {
      const cart = get().cart;
      if (cart !== null) apply(await send('cart-get', { cartId: cart.cartId }));
    },

    manualDiscount: async (request, approval) => {
      const cart = get().cart;
      if (cart === null) return null;
      const result = await sendApproved('cart-manual-discount', { cartId: cart.cartId, ...request }, approval);
      apply(result);
      return result.ok ? null : result.error;
    },

    completed: null,
    finishSale: (sale) => set({ completed: sale, cart: null, error: null }),
    nextCustomer: () => set({ completed: null }),
  };
});
