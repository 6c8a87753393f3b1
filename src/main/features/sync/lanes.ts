/** The lanes the register owes, each replayed in order on its own: the state's traceability system and the online menu. */
export const TRACEABILITY_LANE = 'metrc';
export const MENU_LANE = 'ecommerce:menu';
/** The store server (issue #20): sales, voids and stock moves as idempotent commands, when the register is paired with one. */
export const STORE_LANE = 'store';
/** The external loyalty platform's POS feed (Alpine IQ): sales and members, in order. */
export const LOYALTY_FEED_LANE = 'loyalty:alpine-iq';
/** The order relay (issue #21): online orders' status changes (confirmed, ready, picked up, cancelled), in order. */
export const ORDERS_LANE = 'relay:orders';
/** Customer texts through the store's SMS provider (issue #21): each decided (consent, STOP, hours, cap) when it is sent. */
export const SMS_LANE = 'sms:customers';
/** Staff alerts to the store's staff channel (issue #21): a signed HTTPS webhook, each alert once. */
export const STAFF_ALERTS_LANE = 'alerts:staff';
