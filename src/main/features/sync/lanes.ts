/** The lanes the register owes, each replayed in order on its own: the state's traceability system and the online menu. */
export const TRACEABILITY_LANE = 'metrc';
export const MENU_LANE = 'ecommerce:menu';
/** The external loyalty platform's POS feed (Alpine IQ): sales and members, in order. */
export const LOYALTY_FEED_LANE = 'loyalty:alpine-iq';
