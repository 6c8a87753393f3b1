/** The online order queue's state at the counter (issue #21), apart from how the page reaches the core. */
import type { StateCreator } from 'zustand';
import type { OnlineOrderQueueView } from '../../shared/contract/online-orders';
import type { SubstitutionAgreement } from '../../shared/domain/online-orders/substitution';
import type { AppErrorValue, Result } from '../../shared/errors';
import type { Send } from '../reconnecting-send';

export type QueuedOrder = OnlineOrderQueueView['orders'][number];

export interface OrdersState {
  readonly queue: OnlineOrderQueueView | null;
  readonly error: AppErrorValue | null;
  readonly message: string | null;
  /** The queue as the register has it (no call to the relay); a background read, so what the budtender was last told stays shown. */
  readonly load: () => Promise<void>;
  /** Asks the relay for new orders and cancellations now. */
  readonly pull: () => Promise<void>;
  /** Accepts the order; linked to a customer, it also holds their purchase limits for today. */
  readonly accept: (orderId: string, customerId?: string) => Promise<boolean>;
  readonly reject: (orderId: string, reason: string) => Promise<boolean>;
  readonly pick: (orderId: string, tag: string) => Promise<boolean>;
  readonly substitute: (orderId: string, lineNumber: number, sku: string, agreedVia: SubstitutionAgreement, note: string) => Promise<boolean>;
  readonly ready: (orderId: string) => Promise<boolean>;
  /** The customer is here: answers the order's cart (now open at this till) for the counter to take over. */
  readonly handover: (orderId: string) => Promise<string | null>;
  /** An admin sets the relay this register pulls from (its address and the store credential `relay-store-add` printed). */
  readonly connect: (url: string, credential: string) => Promise<boolean>;
  readonly clearError: () => void;
}

/** The queue's state over any way of reaching the core (the page's transport; a script in tests). */
export function ordersState(send: Send): StateCreator<OrdersState> {
  return (set) => {
    const apply = (result: Result<OnlineOrderQueueView>, message: string | null = null): boolean => {
      set(result.ok ? { queue: result.value, error: null, message } : { error: result.error, message: null });
      return result.ok;
    };
    return {
      queue: null,
      error: null,
      message: null,
      // The screen reloads on every "orders-changed" push (within half a second of any change, and at each relay pull): a
      // refusal the budtender has not read yet (a wrong package scanned) is not wiped by it. Their next action replaces it.
      load: async () => {
        const result = await send('online-orders-list', {});
        set(result.ok ? { queue: result.value } : { error: result.error });
      },
      pull: async () => void apply(await send('online-orders-pull', {})),
      accept: async (orderId, customerId) =>
        apply(
          await send('online-order-accept', customerId === undefined ? { orderId } : { orderId, customerId }),
          customerId === undefined ? 'Order accepted: its stock is held.' : 'Order accepted: its stock and the customer’s limits for today are held.',
        ),
      reject: async (orderId, reason) => apply(await send('online-order-reject', { orderId, reason }), 'Order rejected: its stock is released.'),
      pick: async (orderId, tag) => apply(await send('online-order-pick', { orderId, tag }), `Picked ${tag.trim().toUpperCase()}.`),
      substitute: async (orderId, lineNumber, sku, agreedVia, note) =>
        apply(await send('online-order-substitute', { orderId, lineNumber, sku, agreedVia, note: note.trim() === '' ? null : note }), 'Substitution recorded.'),
      ready: async (orderId) => apply(await send('online-order-ready', { orderId }), 'Order ready for pickup.'),
      handover: async (orderId) => {
        const result = await send('online-order-handover', { orderId });
        if (!result.ok) {
          set({ error: result.error, message: null });
          return null;
        }
        set({ error: null, message: null });
        return result.value.cartId;
      },
      connect: async (url, credential) => {
        const ok = apply(await send('online-orders-connect', { url, credential }), 'Order relay connected.');
        if (ok) apply(await send('online-orders-pull', {}), 'Order relay connected.');
        return ok;
      },
      clearError: () => set({ error: null }),
    };
  };
}
