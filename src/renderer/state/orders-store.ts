import { create } from 'zustand';
import { send } from '../transport';
import { ordersState, type OrdersState } from './orders-state';

export type { QueuedOrder } from './orders-state';

/** The online order queue at the counter (issue #21): every change goes to the core, which answers the queue as it now stands. */
export const useOrders = create<OrdersState>(ordersState(send));
